/** The in-memory event store (class and factory) — the port's reference behaviour, for unit tests. */
export { createInMemoryEventStore, InMemoryEventStore } from './in-memory-event-store';
/** Options of the in-memory event store. */
export type { InMemoryEventStoreOptions } from './in-memory-event-store';
