import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

// Generated tokens carry 256 random bits, so a single fast SHA-256 is the right hash: there is nothing to
// brute-force, and a slow password hash (bcrypt, scrypt) would only add latency to every SCIM request.
// Operator-chosen HUB_BOOTSTRAP_TOKEN values must have ≥ 16 characters (config module); pick random ones.

/** Prefix of generated tokens: recognisable by secret scanners and in support conversations. */
export const TOKEN_PREFIX = 'scimhub_';
// An Authorization header larger than this is not one of our tokens; do not spend a hash on it.
const MAX_TOKEN_LENGTH = 1024;

/** A new random token: prefix + 32 random bytes, base64url. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** A new token id (public, safe to log: it identifies the token, it does not grant access). */
export function generateTokenId(): string {
  return `tok_${randomBytes(8).toString('hex')}`;
}

/** SHA-256 of the token, or undefined when the value cannot be a token. */
export function hashToken(token: string): Buffer | undefined {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  // One-shot crypto.hash: no Hash object per call (every SCIM request hashes its token).
  return hash('sha256', token, 'buffer');
}

/** SHA-256 of the token in base64 (the verified-token cache's key), or undefined when the value cannot be a token. */
export function hashTokenBase64(token: string): string | undefined {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  return hash('sha256', token, 'base64');
}

/** The indexed lookup key: a short prefix of the hash; the full hash is compared in constant time. */
export function lookupKeyOf(hash: Buffer): string {
  return hash.subarray(0, 8).toString('hex');
}

/** Constant-time comparison of two hashes. */
export function hashesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
