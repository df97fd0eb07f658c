// Between what an operator writes (secrets in clear) and what is stored (secrets sealed), in both directions.
import type { TargetAuth, TargetDefinition } from '@scim-hub/outbound';
import { type SecretCipher, maskOf } from './secret-cipher';
import type { StoredAuth, StoredTarget } from './target.events';
import type { AuthInput, TargetInput } from './target-input';
import { fieldError } from './target-validation.error';

/** Seals the input's secrets; a secret left out is taken from `previous` when the auth type is unchanged. */
export function sealTarget(input: TargetInput, cipher: SecretCipher, context: string, previous?: StoredTarget): StoredTarget {
  return { ...input, auth: sealAuth(input.auth, cipher, context, previous?.auth) };
}

function sealAuth(auth: AuthInput, cipher: SecretCipher, context: string, previous?: StoredAuth): StoredAuth {
  if (auth.type === 'bearer') {
    const kept = previous?.type === 'bearer' ? previous.token : undefined;
    const token = auth.token !== undefined ? cipher.seal(auth.token, context) : (kept ?? fieldError('auth.token', 'is required'));
    return { type: 'bearer', token };
  }
  const kept = previous?.type === 'oauth2' ? previous.clientSecret : undefined;
  const clientSecret =
    auth.clientSecret !== undefined ? cipher.seal(auth.clientSecret, context) : (kept ?? fieldError('auth.clientSecret', 'is required'));
  return { ...auth, clientSecret };
}

/** The definition the dispatcher gets: secrets opened. */
export function openTarget(stored: StoredTarget, cipher: SecretCipher, context: string): TargetDefinition {
  return { ...stored, auth: openAuth(stored.auth, cipher, context) };
}

function openAuth(auth: StoredAuth, cipher: SecretCipher, context: string): TargetAuth {
  if (auth.type === 'bearer') return { type: 'bearer', token: cipher.open(auth.token, context) };
  return { ...auth, clientSecret: cipher.open(auth.clientSecret, context) };
}

/** Auth as an API answer shows it: the secret replaced by its mask (`…abcd`). */
export type MaskedAuth =
  | { type: 'bearer'; token: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

/** Masks the secrets of stored auth. */
export function maskAuth(auth: StoredAuth): MaskedAuth {
  if (auth.type === 'bearer') return { type: 'bearer', token: maskOf(auth.token) };
  return { ...auth, clientSecret: maskOf(auth.clientSecret) };
}
