// Test support of the outbound lib (never imported by shipped code).

/** The delivery-state contract suite every adapter runs. */
export { deliveryStateContract, type DeliveryStateFixture } from './delivery-state.contract';
/** A fault-injecting proxy in front of a target (429 + Retry-After, 5xx, 400 for one resource, connection refused). */
export { startFaultProxy, type FaultProxy, type FaultRule, type SeenRequest } from './fault-proxy';
/** Appends identity events to a real event store, the way the write side records them. */
export { IdentityWriter } from './identity-writer';
/** An in-memory TargetSource, a target definition with the admin layer's defaults, and the token it uses. */
export { InMemoryTargetSource, TARGET_TOKEN, targetDefinition } from './in-memory-target-source';
/** A real SQLite event store and delivery state in a temporary directory, with engines over them. */
export { FAST_TIMING, openOutboundHarness, type OutboundHarness } from './outbound-harness';
