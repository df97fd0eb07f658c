// Reads a topic through the Kafka adapter in a fresh consumer group, collecting every envelope.
import type { BusConsumer, BusEnvelope, MessageBus } from '@scim-hub/messaging';
import { randomUUID } from 'node:crypto';

/** A consumer that keeps everything it was handed. */
export async function readTopic(bus: MessageBus, onBatch: (batch: BusEnvelope[]) => Promise<void> = async () => undefined) {
  const envelopes: BusEnvelope[] = [];
  const consumer: BusConsumer = await bus.consume({
    group: `relay-e2e-${randomUUID().slice(0, 8)}`,
    requireLogOrder: true,
    handle: async (batch) => {
      await onBatch(batch);
      envelopes.push(...batch);
    },
  });
  return { envelopes, stop: () => consumer.stop() };
}
