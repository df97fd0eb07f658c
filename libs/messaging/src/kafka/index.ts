// The Kafka adapter (`@scim-hub/messaging/kafka`): the only module that loads the Kafka client library, so a
// deployment on the log-backed bus never loads it.

/** Options of the Kafka bus and publisher (brokers, topic, partitions). */
export type { KafkaBusOptions } from './kafka-options';
/** Creates the Kafka bus: consumer groups on the identity topic. */
export { createKafkaBus, kafkaGroupId } from './kafka-bus';
/** Opens the relay's idempotent producer. */
export { openKafkaPublisher } from './kafka-publisher';
