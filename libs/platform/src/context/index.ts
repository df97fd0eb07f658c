/** Per-request context (request id, client address, user agent, principal) carried by AsyncLocalStorage. */
export * from './request-context';
