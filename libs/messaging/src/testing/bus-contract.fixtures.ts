// Shared pieces of the bus contract suite: what an adapter's test provides, and a consumer that records.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@scim-hub/event-store';
import type { BusEnvelope } from '../bus-envelope';
import type { BusConsumer, ConsumeOptions, MessageBus } from '../bus.port';

/** What an adapter's test gives the contract suite. */
export interface BusUnderTest {
  bus: MessageBus;
  /**
   * Appends `perStream` events to each of `streams` (interleaved across streams) and makes them reach the
   * bus (Kafka: publishes them); resolves with the recorded events in log order.
   */
  emit(streams: readonly string[], perStream: number): Promise<RecordedEvent[]>;
  /** How long a condition may take on this bus (a Kafka rebalance takes seconds). */
  waitMs: number;
}

/** Stream ids no other test uses (the bus and the store are shared by the whole suite). */
export function uniqueStreams(count: number): string[] {
  const prefix = `bus${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  return Array.from({ length: count }, (_, i) => `contract/User/${prefix}-${i}`);
}

/** A fresh consumer-group name. */
export function uniqueGroup(): string {
  return `contract-${randomUUID().slice(0, 8)}`;
}

/** A group member that records what it was handed (only events of `streams`). */
export class RecordingConsumer {
  readonly received: BusEnvelope[] = [];
  private member: BusConsumer | undefined;

  constructor(private readonly streams: readonly string[]) {}

  async start(bus: MessageBus, group: string, extra: Partial<ConsumeOptions> = {}): Promise<this> {
    const mine = new Set(this.streams);
    this.member = await bus.consume({
      group,
      maxBatchSize: 7,
      ...extra,
      handle: async (batch) => {
        const relevant = batch.filter((e) => mine.has(e.streamId));
        if (extra.handle) await extra.handle(relevant);
        this.received.push(...relevant);
      },
    });
    return this;
  }

  ids(): Set<string> {
    return new Set(this.received.map((e) => e.eventId));
  }

  hasAll(events: readonly RecordedEvent[]): boolean {
    const seen = this.ids();
    return events.every((e) => seen.has(e.id));
  }

  stop(): Promise<void> {
    return this.member?.stop() ?? Promise.resolve();
  }
}

/** Revisions per stream in the order they were received. */
export function revisionsByStream(envelopes: readonly BusEnvelope[]): Map<string, number[]> {
  const byStream = new Map<string, number[]>();
  for (const e of envelopes) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]);
  return byStream;
}
