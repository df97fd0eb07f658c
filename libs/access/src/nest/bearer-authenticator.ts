import type { TokenPrincipal, TokenStore } from '../token-store.port';

/** Something that verifies Entra-issued JWTs (EntraJwtVerifier from `@scim-hub/access/jwt`). */
export interface JwtVerifier {
  verify(token: string): Promise<TokenPrincipal | undefined>;
}

// RFC 6750 §2.1: `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** Turns an Authorization header into a principal: JWTs (when configured) first, then the token store. */
export class BearerAuthenticator {
  constructor(
    private readonly store: TokenStore,
    private readonly jwt?: JwtVerifier,
  ) {}

  /** The caller's principal, or undefined when the header is missing, malformed or not a valid token. */
  async authenticate(authorization: string | undefined): Promise<TokenPrincipal | undefined> {
    const token = bearerTokenOf(authorization);
    if (!token) return undefined;
    if (this.jwt && JWT_SHAPE.test(token)) {
      const principal = await this.jwt.verify(token);
      if (principal) return principal;
    }
    return this.store.verify(token);
  }
}
