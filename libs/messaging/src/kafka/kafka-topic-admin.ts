// ensureTopic for callers outside this adapter (tests, the relay's start-up), with its own short-lived client.
import { createKafkaClient, type KafkaBusOptions } from './kafka-options';
import { ensureTopic } from './kafka-topic';

/** Creates `options.topic` with `options.partitions` (default 1) unless it exists; returns its partition count. */
export function ensureKafkaTopic(options: KafkaBusOptions): Promise<number> {
  return ensureTopic(createKafkaClient(options), options.topic, options.partitions ?? 1);
}
