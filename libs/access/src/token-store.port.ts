// The token-store port: SCIM bearer tokens per tenant, stored only as hashes. Adapters: memory, sqlite, postgres.

/** A token as listed: never the secret, never its hash. */
export interface TokenInfo {
  readonly id: string;
  readonly tenant: string;
  readonly label: string;
  /** ISO-8601. */
  readonly createdAt: string;
  /** ISO-8601 when revoked; absent while the token is valid. */
  readonly revokedAt?: string;
}

/** A freshly created token: the only time the secret is available. */
export interface CreatedToken extends TokenInfo {
  readonly token: string;
}

/** Who a verified token authenticates. */
export interface TokenPrincipal {
  readonly tenant: string;
  readonly tokenId: string;
}

/** SCIM bearer tokens: create, list, revoke, verify. */
export interface TokenStore {
  /** Creates a random 256-bit token for `tenant`; the result holds the secret, shown once. */
  create(tenant: string, label: string): Promise<CreatedToken>;
  /** Lists tokens (revoked ones included, with revokedAt), optionally of one tenant, oldest first. */
  list(tenant?: string): Promise<TokenInfo[]>;
  /** Revokes a token; false when the id is unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  /** The principal of a valid, unrevoked token; undefined otherwise. */
  verify(token: string): Promise<TokenPrincipal | undefined>;
  /**
   * Makes `token` (HUB_BOOTSTRAP_TOKEN) a token of `tenant` unless its hash is already stored.
   * A revoked bootstrap token stays revoked: change the variable to issue a new one.
   */
  ensureBootstrapToken(tenant: string, token: string): Promise<{ id: string; created: boolean }>;
  /** True when any token was ever stored (revoked included), so the first start is detectable. */
  hasAnyToken(): Promise<boolean>;
  /** Releases the connection or file handle. */
  close(): Promise<void>;
}
