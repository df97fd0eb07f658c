// Append → consumer latency: stamps each appended event's id with the time of its append and, when a consumer
// is handed the event, records how long it took. Several consumers (one per bus) share one probe.
import type { BusEnvelope } from '../src';

/** Append times by event id, and each consumer's latencies in ms. */
export class LatencyProbe {
  private readonly appendedAt = new Map<string, number>();
  readonly latencies = new Map<string, number[]>();

  appended(eventId: string): void {
    this.appendedAt.set(eventId, performance.now());
  }

  /** A batch handler that records the latency of every probed event for `consumer`. */
  handler(consumer: string): (batch: BusEnvelope[]) => Promise<void> {
    const sample: number[] = [];
    this.latencies.set(consumer, sample);
    return async (batch) => {
      const now = performance.now();
      for (const e of batch) {
        const at = this.appendedAt.get(e.eventId);
        if (at !== undefined) sample.push(now - at);
      }
    };
  }

  /** Forgets every sample (after a warm-up: group join and first fetch are not steady-state latency). */
  reset(): void {
    for (const sample of this.latencies.values()) sample.length = 0;
  }

  received(consumer: string): number {
    return this.latencies.get(consumer)?.length ?? 0;
  }
}
