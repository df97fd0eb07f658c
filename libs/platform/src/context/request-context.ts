/** Who is calling: set by the bearer guard; the only source of the tenant for handlers. */
export interface Principal {
  readonly tenant: string;
  /** Token id (never the token itself), or `jwt:<subject>` for an Entra-issued JWT. */
  readonly tokenId: string;
}

/**
 * Per-request facts (request id, client address, user agent, principal) for event metadata and audit. It travels
 * with the request object (`requestContextOf`, `@CallerContext()`), not in AsyncLocalStorage: async context makes
 * every promise of every request pay for hooks (about a fifth of the CPU of a filter request, docs/performance-history.md, round 5).
 */
export interface RequestContext {
  readonly requestId: string;
  readonly clientAddress: string;
  readonly userAgent?: string;
  /** Set once authentication succeeded. */
  principal?: Principal;
}
