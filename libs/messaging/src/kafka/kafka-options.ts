// What the Kafka adapter needs to know; the hub's config (KAFKA_BROKERS, HUB_KAFKA_TOPIC, …) fills it in.
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** Connection and topic of the Kafka bus. */
export interface KafkaBusOptions {
  /** `host:port` of one or more brokers (KAFKA_BROKERS). */
  brokers: readonly string[];
  /** The identity-event topic (HUB_KAFKA_TOPIC). */
  topic: string;
  /** Partitions when this adapter creates the topic (default 1: the whole log's order, see docs/kafka.md). */
  partitions?: number;
  /** Client id shown in the broker's logs and metrics. */
  clientId?: string;
  /** Receives the client library's warnings and errors (most are retried connection or coordinator hiccups). */
  onClientLog?(entry: { level: 'error' | 'warn'; message: string }): void;
}

// The client logs retriable hiccups (a coordinator still loading after a broker start) as errors; they are
// handed to onClientLog rather than printed, so that only the adapter decides what a failure is.
function logCreator(options: KafkaBusOptions) {
  return () => (entry: LogEntry) => {
    const level = entry.level <= logLevel.ERROR ? 'error' : 'warn';
    options.onClientLog?.({ level, message: `${entry.namespace}: ${entry.log.message}` });
  };
}

/** A client for `options`. */
export function createKafkaClient(options: KafkaBusOptions): Kafka {
  return new Kafka({
    clientId: options.clientId ?? 'scim-hub',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: logCreator(options),
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
