// Turns one fetched Kafka batch (one partition) into handler calls: decode, hand over in chunks, retry a failed
// chunk after a back-off while this member still owns the partition, and commit each chunk once it succeeded.
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { BusEnvelope } from '../bus-envelope';
import { decodeEnvelope } from '../bus-envelope.codec';
import type { ConsumeOptions } from '../bus.port';

const DEFAULT_BATCH_SIZE = 500;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A record that is not an envelope is reported and passed over: it can never succeed, and blocking the
// partition behind it would stop every later event of its resources.
function decodeAll(messages: KafkaMessage[], options: ConsumeOptions): BusEnvelope[] {
  const envelopes: BusEnvelope[] = [];
  for (const message of messages) {
    try {
      envelopes.push(decodeEnvelope(message.value ?? ''));
    } catch (error) {
      options.onError?.(error);
    }
  }
  return envelopes;
}

// Runs the handler until it succeeds; false when this member lost the partition (stopped or rebalanced) first,
// in which case nothing is committed and the chunk goes to the partition's next owner.
async function handleUntilDone(envelopes: BusEnvelope[], payload: EachBatchPayload, options: ConsumeOptions): Promise<boolean> {
  for (let retryMs = FIRST_RETRY_MS; ; retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)) {
    if (!payload.isRunning() || payload.isStale()) return false;
    try {
      if (envelopes.length > 0) await options.handle(envelopes);
      return true;
    } catch (error) {
      options.onError?.(error);
      await sleep(retryMs);
      await payload.heartbeat();
    }
  }
}

/** The eachBatch handler of one group member. */
export function kafkaBatchHandler(consumer: Consumer, options: ConsumeOptions) {
  const chunkSize = options.maxBatchSize ?? DEFAULT_BATCH_SIZE;
  return async (payload: EachBatchPayload): Promise<void> => {
    const { topic, partition, messages } = payload.batch;
    for (let start = 0; start < messages.length; start += chunkSize) {
      const chunk = messages.slice(start, start + chunkSize);
      if (!(await handleUntilDone(decodeAll(chunk, options), payload, options))) return;
      const last = chunk[chunk.length - 1];
      payload.resolveOffset(last.offset);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      await payload.heartbeat();
    }
  };
}
