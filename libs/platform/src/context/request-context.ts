import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling: set by the bearer guard; the only source of the tenant for handlers. */
export interface Principal {
  readonly tenant: string;
  /** Token id (never the token itself), or `jwt:<subject>` for an Entra-issued JWT. */
  readonly tokenId: string;
}

/** Per-request facts available anywhere below the HTTP layer (logs, event metadata, audit). */
export interface RequestContext {
  readonly requestId: string;
  readonly clientAddress: string;
  readonly userAgent?: string;
  /** Set once authentication succeeded. */
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request context, or undefined outside a request (startup, background work). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
