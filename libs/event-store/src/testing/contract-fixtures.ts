import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, Position, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { comparePositions, positionToString } from '../position';

/** What every section of the contract gets: the shared store and a way to open another handle. */
export interface ContractContext {
  store(): EventStore;
  open(): Promise<EventStore>;
}

/** A stream-id prefix no other test uses, so that tests can share one store (and one EventStoreDB server). */
export function uniquePrefix(): string {
  return `c${randomUUID().replace(/-/g, '').slice(0, 12)}/`;
}

/** A new event with a fresh UUID and complete audit metadata. */
export function newEvent(type = 'Tested', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { tenant: 'contract', requestId: randomUUID(), time: new Date().toISOString() },
  };
}

/** `count` new events numbered in their data (`{ n: 0 }`, `{ n: 1 }`, …). */
export function newEvents(count: number, type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** Ids of recorded events, in order: the cheapest way to compare sequences. */
export function ids(events: readonly { id: string }[]): string[] {
  return events.map((e) => e.id);
}

// Reads `options` from the log until `done` holds of what was read, backing off from 2 ms to 100 ms between
// reads; past `timeoutMs` it returns the last read.
async function readAllPolling(
  store: EventStore,
  options: ReadAllOptions,
  done: (events: RecordedEvent[]) => boolean,
  timeoutMs: number,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    const events = await store.readAll(options);
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Reads the log under `prefix` until it holds `count` events. An acknowledged append is in `readStream` at once
 * everywhere, but PostgreSQL's `readAll` shows it only once older concurrent transactions have ended.
 */
export async function readAllUntil(
  store: EventStore,
  prefix: string,
  count: number,
  after?: Position,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> {
  return readAllPolling(store, { streamPrefixes: [prefix], after }, (events) => events.length >= count, timeoutMs);
}

/**
 * Reads the log after `after` once it shows `last`, and returns what it read. A store may show an append
 * later than the append resolved: PostgreSQL shows the log only below the oldest transaction still open in the
 * whole cluster (docs/architecture.md, "Stores"), which on a busy server can be another database's. A test that reads
 * once right after appending can therefore get a prefix; this waits for the whole stretch instead.
 */
export async function readAllThrough(store: EventStore, last: Position, after?: Position, timeoutMs = 30_000): Promise<RecordedEvent[]> {
  const reaches = (events: RecordedEvent[]) => {
    const end = events.at(-1)?.position;
    return end !== undefined && comparePositions(end, last) >= 0;
  };
  const events = await readAllPolling(store, after ? { after } : {}, reaches, timeoutMs);
  if (reaches(events)) return events;
  const end = events.at(-1)?.position;
  throw new Error(`the log read did not reach ${positionToString(last)} within ${timeoutMs} ms (it ended at ${end ? positionToString(end) : 'nothing'})`);
}

/** Throws unless positions strictly increase along the list. */
export function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (comparePositions(events[i - 1].position, events[i].position) >= 0) {
      throw new Error(`position ${i} does not follow position ${i - 1}`);
    }
  }
}

/** A subscription handler that records what it was given. */
export function collector(): { seen: RecordedEvent[]; handle(events: RecordedEvent[]): void } {
  const seen: RecordedEvent[] = [];
  return { seen, handle: (events) => void seen.push(...events) };
}
