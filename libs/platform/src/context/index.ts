/** Per-request context (request id, client address, user agent, principal); carried by the request object. */
export * from './request-context';
