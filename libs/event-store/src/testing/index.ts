/** The event-store contract suite (Jest): `eventStoreContract(name, open, close)` runs it against one adapter. */
export { eventStoreContract } from './event-store.contract';
/** Fixtures of the contract, for adapter-specific tests (unique prefixes, events, waiting reads). */
export { collector, ids, newEvent, newEvents, readAllUntil, readAllThrough, uniquePrefix, expectStrictlyIncreasing } from './contract-fixtures';
/** What each section of the contract receives. */
export type { ContractContext } from './contract-fixtures';
/** A log of recorded events built without a store (revisions, positions, a deterministic clock). */
export { RecordedEventLog } from './recorded-event-log';
