/** The EventStoreDB (KurrentDB) event store: `openEventStoreDbEventStore({ connectionString })` and its class. */
export { EventStoreDbEventStore, openEventStoreDbEventStore } from './esdb-event-store';
/** Options of the EventStoreDB event store. */
export type { EventStoreDbOptions } from './esdb-event-store';
