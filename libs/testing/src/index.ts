// Test support shared by every project's int-specs (never imported by shipped code).

/** Whether the test PostgreSQL answers (checked synchronously so a suite can register as skipped), and its URL. */
export { postgresReachable, TEST_DATABASE_URL } from './postgres-probe';

/** Waits on a condition, bounded in time. */
export { until } from './until';

/** A Kafka broker for a suite: KAFKA_BROKERS, else a private one started from tools/kafka, else why not. */
export { kafkaForTests, type KafkaForTests } from './kafka-broker';
