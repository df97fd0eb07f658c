// Public surface of the messaging lib: the bus port, its envelope and errors, and the relay. Adapters live in
// subpaths: `@scim-hub/messaging/log` (the embedded default) and `@scim-hub/messaging/kafka` (the only module
// that loads the Kafka client); the shared contract suite is `@scim-hub/messaging/testing`.

/** The bus port: publisher, consumer groups, consume options. */
export type * from './bus.port';
/** The envelope every bus carries, and its conversion from and to a recorded event. */
export { BUS_ENVELOPE_VERSION, toEnvelope, fromEnvelope, type BusEnvelope } from './bus-envelope';
/** Envelope bytes: encode, and decode with a shape check. */
export { encodeEnvelope, decodeEnvelope } from './bus-envelope.codec';
/** Errors adapters raise instead of client-library errors. */
export { BusEnvelopeInvalid, BusUnavailable } from './messaging.errors';
/** The projection runner's source on the bus: one consumer group per projection (`projection-<name>`). */
export { busProjectionSource, projectionGroup, type BusProjectionSourceOptions } from './projection/bus-projection.source';
/** An outbound target's change feed on the bus: consumer group `outbound-<targetId>`, after a catch-up from the log. */
export { busChangeFeed, outboundGroup, type BusChangeFeedOptions, type ChangeFeedRequest } from './outbound/bus-change-feed';
