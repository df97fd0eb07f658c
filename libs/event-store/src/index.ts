// Public surface of the event-store lib: the port, its errors and pure position helpers. Adapters live in
// subpaths (`@scim-hub/event-store/memory`, `/sqlite`, `/postgres`, `/eventstoredb`) so that a deployment loads
// only the driver it uses; the shared contract suite is `@scim-hub/event-store/testing`.
export type * from './event-store.port';
export * from './event-store.errors';
export * from './position';
/** The `waitFor` bookkeeping of a subscription, for subscriptions built outside this lib (a bus-fed projection). */
export { PositionWaiters, DEFAULT_WAIT_TIMEOUT_MS } from './internal/position-waiters';
/** The PostgreSQL NOTIFY channel projections announce committed checkpoints on. */
export { PROJECTION_CHECKPOINT_CHANNEL } from './projections/checkpoint-channel';
