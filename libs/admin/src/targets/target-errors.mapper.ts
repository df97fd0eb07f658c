// Registry and engine errors as the admin API answers them (RFC 7644 §3.12 shape, right status).
import {
  OutboundUnavailable,
  SecretsKeyMissing,
  SecretUnreadable,
  TargetChangedConcurrently,
  TargetExists,
  TargetNotFound,
  TargetValidationError,
} from '@scim-hub/targets';
import { invalidSyntax, invalidValue, notFound, ScimError, uniqueness } from '@scim-hub/scim';

/** Runs `work`, turning known target errors into ScimErrors; anything else stays unexpected (500). */
export async function asScim<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toScimError(error);
  }
}

function toScimError(error: unknown): unknown {
  if (error instanceof TargetValidationError) return error.field === 'body' ? invalidSyntax(error.message) : invalidValue(error.message);
  if (error instanceof TargetNotFound) return notFound(error.message);
  if (error instanceof TargetExists || error instanceof TargetChangedConcurrently) return uniqueness(error.message);
  // The hub's configuration, not the request, is wrong: 503 says "not now", and the detail says why.
  if (error instanceof SecretsKeyMissing || error instanceof SecretUnreadable || error instanceof OutboundUnavailable) {
    return new ScimError(503, undefined, error.message);
  }
  return error;
}
