import { httpUrlAt, objectAt, oneOf, onlyKnown, stringAt } from './field-checks';
import type { AuthInput } from './target-input';
import { fieldError } from './target-validation.error';

/** The prefix of a masked secret as the API shows it; never a real credential. */
export const MASK_PREFIX = '…';

/** Validates `auth`; `secrets: 'optional'` lets a change leave the secret out (the stored one is kept). */
export function parseAuth(value: unknown, secrets: 'required' | 'optional'): AuthInput {
  const a = objectAt(value, 'auth');
  const type = oneOf(a.type, 'auth.type', ['bearer', 'oauth2']);
  if (type === 'bearer') {
    onlyKnown(a, ['type', 'token'], 'auth.');
    const token = secretAt(a.token, 'auth.token', secrets);
    return token === undefined ? { type } : { type, token };
  }
  onlyKnown(a, ['type', 'tokenUrl', 'clientId', 'clientSecret', 'scope'], 'auth.');
  const auth: AuthInput = { type, tokenUrl: httpUrlAt(a.tokenUrl, 'auth.tokenUrl'), clientId: stringAt(a.clientId, 'auth.clientId', 512) };
  const clientSecret = secretAt(a.clientSecret, 'auth.clientSecret', secrets);
  if (clientSecret !== undefined) auth.clientSecret = clientSecret;
  if (a.scope !== undefined) auth.scope = stringAt(a.scope, 'auth.scope', 1024);
  return auth;
}

function secretAt(value: unknown, field: string, secrets: 'required' | 'optional'): string | undefined {
  if (value === undefined && secrets === 'optional') return undefined;
  const text = stringAt(value, field, 8192);
  // A GET answer sent back unchanged must not replace the real secret with its mask.
  if (text.startsWith(MASK_PREFIX)) fieldError(field, 'is a masked value; leave it out to keep the stored secret');
  return text;
}
