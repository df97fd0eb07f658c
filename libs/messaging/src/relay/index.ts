// The relay (`@scim-hub/messaging/relay`): the store's log → the bus, at least once, one active relay per store.

/** Starts a relay; its options and handle. */
export { startRelay, type Relay, type RelayOptions } from './relay';
/** The lease port and the lease of a single-process store. */
export { singleProcessLease, type RelayLease } from './relay-lease';
