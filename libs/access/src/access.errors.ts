import { TENANT_RULE } from './tenant';

/** A token request the store refuses (bad tenant or label); the message is safe to show. */
export class InvalidTokenRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenRequest';
  }
}

/** The error for a malformed tenant name. */
export const invalidTenant = (tenant: string) =>
  new InvalidTokenRequest(`invalid tenant "${tenant.slice(0, 80)}": use ${TENANT_RULE}`);

/** The token store's database could not be reached or used; retry later (HTTP 503). */
export class TokenStoreUnavailable extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'TokenStoreUnavailable';
  }
}
