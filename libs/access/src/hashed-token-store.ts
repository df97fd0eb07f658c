import { InvalidTokenRequest, invalidTenant } from './access.errors';
import { isValidTenant } from './tenant';
import { generateToken, generateTokenId, hashToken, hashTokenBase64, hashesEqual, lookupKeyOf } from './token.crypto';
import type { CreatedToken, TokenInfo, TokenPrincipal, TokenStore } from './token-store.port';

/** A stored token row: the hash and its lookup prefix, never the secret. */
export interface TokenRecord extends TokenInfo {
  readonly hash: Buffer;
  readonly lookup: string;
}

const MAX_LABEL_LENGTH = 200;
/** How long a successful verification is remembered: every SCIM request is authenticated, and a store
 * round trip per request is the largest cost of a small query. A revocation here clears it at once; one made
 * by another process (the CLI, another replica) takes effect within this time. */
export const VERIFIED_TOKEN_TTL_MS = 5_000;
const MAX_REMEMBERED = 10_000;

/**
 * The token logic every adapter shares (hashing, constant-time verification, validation); adapters
 * only store and fetch rows. Verification looks rows up by a hash prefix and compares full hashes
 * with crypto.timingSafeEqual, so response time does not reveal how much of a guess matched.
 */
export abstract class HashedTokenStore implements TokenStore {
  // Keyed by the token's hash, never the token itself.
  private readonly verified = new Map<string, { principal: TokenPrincipal; until: number }>();

  /** Inserts unless a row with the same hash exists; returns the id of the row holding that hash. */
  protected abstract insertIfAbsent(record: TokenRecord): Promise<string>;
  protected abstract findByLookup(lookup: string): Promise<TokenRecord[]>;
  protected abstract selectAll(tenant: string | undefined): Promise<TokenInfo[]>;
  /** Sets revokedAt when not yet set; true when a row changed. */
  protected abstract markRevoked(id: string, at: string): Promise<boolean>;
  protected abstract countAll(): Promise<number>;
  abstract close(): Promise<void>;

  /**
   * Turns an adapter's driver error into a port error (TokenStoreUnavailable when the database cannot be
   * reached); adapters override it, anything it returns unchanged is rethrown as is.
   */
  protected translateError(error: unknown): unknown {
    return error;
  }

  async create(tenant: string, label: string): Promise<CreatedToken> {
    const token = generateToken();
    const record = this.recordFor(tenant, label, token);
    await this.translating(() => this.insertIfAbsent(record));
    return { ...infoOf(record), token };
  }

  async list(tenant?: string): Promise<TokenInfo[]> {
    return this.translating(() => this.selectAll(tenant));
  }

  async revoke(id: string): Promise<boolean> {
    this.verified.clear();
    return this.translating(() => this.markRevoked(id, new Date().toISOString()));
  }

  async verify(token: string): Promise<TokenPrincipal | undefined> {
    const key = hashTokenBase64(token);
    if (!key) return undefined;
    const remembered = this.verified.get(key);
    if (remembered && remembered.until > Date.now()) return remembered.principal;
    const hash = Buffer.from(key, 'base64');
    const candidates = await this.translating(() => this.findByLookup(lookupKeyOf(hash)));
    const match = candidates.find((row) => hashesEqual(row.hash, hash));
    if (!match || match.revokedAt) return undefined;
    const principal = { tenant: match.tenant, tokenId: match.id };
    if (this.verified.size >= MAX_REMEMBERED) this.verified.clear();
    this.verified.set(key, { principal, until: Date.now() + VERIFIED_TOKEN_TTL_MS });
    return principal;
  }

  async ensureBootstrapToken(tenant: string, token: string): Promise<{ id: string; created: boolean }> {
    const record = this.recordFor(tenant, 'bootstrap (HUB_BOOTSTRAP_TOKEN)', token);
    const id = await this.translating(() => this.insertIfAbsent(record));
    return { id, created: id === record.id };
  }

  async hasAnyToken(): Promise<boolean> {
    return (await this.translating(() => this.countAll())) > 0;
  }

  private async translating<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.translateError(error);
    }
  }

  private recordFor(tenant: string, label: string, token: string): TokenRecord {
    if (!isValidTenant(tenant)) throw invalidTenant(String(tenant));
    if (typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) {
      throw new InvalidTokenRequest(`label must be a string of at most ${MAX_LABEL_LENGTH} characters`);
    }
    const hash = hashToken(token);
    if (!hash) throw new InvalidTokenRequest('token must be 1 to 1024 characters');
    return { id: generateTokenId(), tenant, label, createdAt: new Date().toISOString(), hash, lookup: lookupKeyOf(hash) };
  }
}

/** The listable part of a record. */
export function infoOf(record: TokenInfo): TokenInfo {
  return {
    id: record.id,
    tenant: record.tenant,
    label: record.label,
    createdAt: record.createdAt,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
  };
}
