import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { comparePositions, maxPosition } from '../position';
import { newEvents } from '../testing';
import { openPostgresEventStore } from './postgres-event-store';

// Global order under concurrent writers: 8 writers (separate pools) append 20,000 events over 200 streams,
// single- and multi-stream, while subscribers follow. Every event must arrive exactly once, in the same order
// for every subscriber, and in revision order within each stream.
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `es_order_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const WRITERS = 8;
const LOOPS_PER_WRITER = 2;
const TOTAL_EVENTS = 20_000;
const STREAMS = 200;

// What is measured is ordering, not commit fsync: synchronous_commit=off for these sessions keeps the test well
// under a minute on a busy 2-core machine without changing transaction ids, locks or visibility.
const fastCommits = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c synchronous_commit=off')}`;
const open = (poolSize: number) =>
  openPostgresEventStore({ connectionString: fastCommits, schema, poolSize, pollIntervalMs: 200 });

function follower(store: EventStore) {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribe({ streamPrefixes: ['load/'], batchSize: 1000, handle: (events) => void seen.push(...events) });
  return { seen, subscription };
}

async function writer(store: EventStore, budget: { left: number }, written: Set<string>): Promise<Position | undefined> {
  let head: Position | undefined;
  while (budget.left > 0) {
    const count = Math.min(budget.left, 1 + Math.floor(Math.random() * 5));
    budget.left -= count;
    const a = `load/User/${Math.floor(Math.random() * STREAMS)}`;
    const b = `load/Group/${Math.floor(Math.random() * STREAMS)}`;
    const events = newEvents(count);
    events.forEach((e) => written.add(e.id));
    const results =
      count > 1 && Math.random() < 0.3
        ? await store.appendMulti([
            { streamId: a, expectedRevision: 'any', events: events.slice(0, 1) },
            { streamId: b, expectedRevision: 'any', events: events.slice(1) },
          ])
        : [await store.appendToStream(Math.random() < 0.5 ? a : b, 'any', events)];
    for (const r of results) head = maxPosition(head, r.position);
  }
  return head;
}

function expectConsistentOrder(seen: RecordedEvent[]): void {
  const next = new Map<string, number>();
  for (let i = 0; i < seen.length; i++) {
    if (i > 0 && comparePositions(seen[i - 1].position, seen[i].position) >= 0) throw new Error(`position not increasing at ${i}`);
    const expected = next.get(seen[i].streamId) ?? 0;
    if (seen[i].revision !== expected) throw new Error(`${seen[i].streamId}: revision ${seen[i].revision} where ${expected} was due`);
    next.set(seen[i].streamId, expected + 1);
  }
}

describe('PostgreSQL global order under concurrent writers', () => {
  const stores: EventStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('every subscriber sees each of 20,000 events exactly once, in one order consistent with every stream', async () => {
    const readers = [await open(2), await open(2)];
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => open(LOOPS_PER_WRITER)));
    stores.push(...readers, ...writers);
    const early = follower(readers[0]);
    const budget = { left: TOTAL_EVENTS };
    const written = new Set<string>();
    const loops = writers.flatMap((store) => Array.from({ length: LOOPS_PER_WRITER }, () => writer(store, budget, written)));
    const late = follower(readers[1]);
    const heads = await Promise.all(loops);
    const head = heads.reduce<Position | undefined>((a, b) => maxPosition(a, b), undefined)!;
    await Promise.all([early.subscription.waitFor(head, 45_000), late.subscription.waitFor(head, 45_000)]);

    expect(written.size).toBe(TOTAL_EVENTS);
    for (const { seen } of [early, late]) {
      expect(seen).toHaveLength(TOTAL_EVENTS);
      expect(new Set(seen.map((e) => e.id))).toEqual(written);
      expectConsistentOrder(seen);
    }
    expect(late.seen.map((e) => e.id)).toEqual(early.seen.map((e) => e.id));
  }, 60_000);
});
