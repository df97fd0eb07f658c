// Recorded events as a store would hand them out (per-stream revisions from 0, positions increasing by one,
// a deterministic clock one second apart), for suites that need a log but no event store.
import type { EventJson, RecordedEvent } from '../event-store.port';

/** An in-memory log of recorded events. */
export class RecordedEventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  /** `start` is the clock before the first event (ms since the epoch). */
  constructor(private clock: number) {}

  /** Records one event on `streamId` (its data copied, its time the next tick of the clock) and returns it. */
  append(streamId: string, type: string, schemaVersion: number, data: object, metadata: { tenant: string; [key: string]: unknown }): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.clock += 1000;
    const time = new Date(this.clock).toISOString();
    const position = BigInt(this.events.length + 1);
    const { tenant, ...rest } = metadata;
    const event: RecordedEvent = {
      id: `evt-${position}`,
      streamId,
      revision,
      position: { commit: position, prepare: position },
      recordedAt: time,
      type,
      schemaVersion,
      data: structuredClone(data) as EventJson,
      metadata: { tenant, time, ...rest },
    };
    this.events.push(event);
    return event;
  }

  /** The events recorded since `from` (an index into `events`). */
  since(from: number): RecordedEvent[] {
    return this.events.slice(from);
  }
}
