/** The TokenStore port and its types. */
export type { TokenStore, TokenInfo, CreatedToken, TokenPrincipal } from './token-store.port';
/** The shared hashed-token logic adapters extend. */
export { HashedTokenStore, type TokenRecord } from './hashed-token-store';
/** Errors for refused token requests, and the one for a token database that cannot be reached (HTTP 503). */
export { InvalidTokenRequest, TokenStoreUnavailable } from './access.errors';
/** Tenant name rules and the default tenant. */
export { DEFAULT_TENANT, TENANT_PATTERN, TENANT_RULE, isValidTenant } from './tenant';
/** Token generation and hashing (SHA-256, constant-time comparison). */
export { TOKEN_PREFIX, generateToken, hashToken, hashesEqual } from './token.crypto';
/** Opens the configured token store (PostgreSQL or SQLite), loading only that adapter. */
export { openTokenStore, type TokenStoreConfig } from './token-store.factory';
/** First-start token handling. */
export { ensureInitialToken, firstTokenBanner, type InitialTokenOutcome } from './bootstrap';
