import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { TokenPrincipal } from '../token-store.port';

/** Where Entra-issued JWTs come from and which tenant they act for. */
export interface EntraJwtOptions {
  /** e.g. `https://sts.windows.net/<entra-tenant-id>/` (docs/entra-compatibility.md §3). */
  readonly issuer: string;
  /** Entra uses `8adf8e6e-67b2-4cf2-a259-e3dc5476c621` for all custom apps (docs/entra-compatibility.md §3). */
  readonly audience: string;
  readonly jwksUrl: string;
  /** The hub tenant such tokens act for. */
  readonly tenant: string;
  /** Accepted clock skew in seconds. */
  readonly clockToleranceSeconds?: number;
}

// A compact JWS has three base64url parts; anything else is an opaque token for the token store.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies Entra-issued JWTs (signature from the issuer's JWKS, issuer, audience, expiry). docs/entra-compatibility.md, transport and authentication:
 * Entra sends one when the Secret Token is left blank, "testing only"; the Secret Token is the norm.
 */
export class EntraJwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: EntraJwtOptions) {
    // jose caches the key set and refetches it (rate-limited) when a token names an unknown key id.
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** True when `token` looks like a JWT and should be verified here rather than by the token store. */
  static looksLikeJwt(token: string): boolean {
    return JWT_SHAPE.test(token);
  }

  /** The principal of a valid token; undefined for a bad signature, wrong issuer/audience, or expiry. */
  async verify(token: string): Promise<TokenPrincipal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['RS256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 60,
      });
      return { tenant: this.options.tenant, tokenId: `jwt:${subjectOf(payload)}` };
    } catch {
      return undefined;
    }
  }
}

// The actor recorded in event metadata: Entra's object id of the calling service principal.
function subjectOf(payload: JWTPayload): string {
  const oid = payload['oid'];
  return typeof oid === 'string' ? oid : (payload.sub ?? 'unknown');
}
