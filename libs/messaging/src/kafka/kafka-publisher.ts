// The producer side of the Kafka bus (the relay's): one record per event, keyed by stream id so that every
// event of a resource lands in the same partition in log order.
import type { RecordedEvent } from '@scim-hub/event-store';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { toEnvelope } from '../bus-envelope';
import { encodeEnvelope } from '../bus-envelope.codec';
import type { BusPublisher } from '../bus.port';
import { BusUnavailable } from '../messaging.errors';
import { createKafkaClient, type KafkaBusOptions } from './kafka-options';
import { ensureTopic } from './kafka-topic';

/**
 * Idempotent producer with one request in flight: the broker drops a retried duplicate and a retry cannot
 * overtake an earlier batch, so records keep the order they were sent in. acks=-1 waits for every in-sync
 * replica, which is what `publish` resolving promises.
 */
class KafkaPublisher implements BusPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async publish(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const messages = events.map((event) => ({
      key: event.streamId,
      value: encodeEnvelope(toEnvelope(event)),
      headers: { 'event-id': event.id, 'event-type': event.type },
    }));
    try {
      await this.producer.send({ topic: this.topic, acks: -1, messages });
    } catch (error) {
      throw new BusUnavailable(`publishing ${events.length} events to ${this.topic} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Connects an idempotent producer to the identity topic (creating the topic when missing). */
export async function openKafkaPublisher(options: KafkaBusOptions, kafka: Kafka = createKafkaClient(options)): Promise<BusPublisher> {
  await ensureTopic(kafka, options.topic, options.partitions ?? 1);
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return new KafkaPublisher(producer, options.topic);
}
