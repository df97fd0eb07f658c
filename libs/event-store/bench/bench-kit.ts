import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, Position } from '../src/event-store.port';
import { maxPosition } from '../src/position';

/** Sizes of one run; small enough for a loaded 2-core machine, big enough to be stable. */
export interface BenchSizes {
  singleAppends: number;
  batchedAppends: number;
  batchSize: number;
}

/** One measured line: operations per second of the store and of the raw baseline. */
export interface BenchRow {
  target: string;
  measure: string;
  store: number;
  raw: number;
}

/** A realistic event: a UserUpdated delta with full audit metadata (~400 bytes of JSON). */
export function benchEvent(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'UserUpdated',
    schemaVersion: 1,
    data: { changes: [{ attribute: 'title', value: `Engineer ${n}` }, { attribute: 'active', value: n % 7 !== 0 }] },
    metadata: {
      tenant: 'bench',
      requestId: randomUUID(),
      actor: 'token-bench',
      clientAddress: '203.0.113.10',
      userAgent: 'Azure AD Provisioning',
      time: new Date().toISOString(),
    },
  };
}

/** Rate in operations per second of `count` operations that took `ms`. */
export function rate(count: number, ms: number): number {
  return count / (ms / 1000);
}

/** Runs `work` and returns its duration in milliseconds. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Events/s of one-event appends, each to its own stream (`no_stream`, the create path). */
export async function appendSingles(store: EventStore, count: number): Promise<number> {
  const ms = await timed(async () => {
    for (let i = 0; i < count; i++) await store.appendToStream(`bench/User/s${i}`, 'no_stream', [benchEvent(i)]);
  });
  return rate(count, ms);
}

/** Events/s of appends of `batchSize` events each, to one stream at exact revisions. */
export async function appendBatches(store: EventStore, appends: number, batchSize: number): Promise<number> {
  const ms = await timed(async () => {
    for (let i = 0; i < appends; i++) {
      const events = Array.from({ length: batchSize }, (_, n) => benchEvent(n));
      await store.appendToStream('bench/Group/batched', i === 0 ? 'no_stream' : i * batchSize - 1, events);
    }
  });
  return rate(appends * batchSize, ms);
}

/** Events/s of a catch-up subscription from the start to the current head. */
export async function catchUp(store: EventStore): Promise<{ rate: number; events: number }> {
  let head: Position | undefined;
  for (let page = await store.readAll({ maxCount: 10_000 }); page.length > 0; ) {
    head = maxPosition(head, page[page.length - 1].position);
    page = await store.readAll({ after: head, maxCount: 10_000 });
  }
  let seen = 0;
  const ms = await timed(async () => {
    const subscription = store.subscribe({ batchSize: 1000, handle: (events) => void (seen += events.length) });
    if (head) await subscription.waitFor(head, 120_000);
    await subscription.stop();
  });
  return { rate: rate(seen, ms), events: seen };
}

/** Prints the rows as an aligned table with the store/raw ratio. */
export function printTable(rows: BenchRow[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`${'target'.padEnd(20)} ${'measure'.padEnd(28)} ${'store ev/s'.padStart(12)} ${'raw ev/s'.padStart(12)}  ratio`);
  for (const r of rows) {
    const ratio = r.raw > 0 ? (r.store / r.raw).toFixed(2) : 'n/a';
    console.log(`${r.target.padEnd(20)} ${r.measure.padEnd(28)} ${fmt(r.store).padStart(12)} ${fmt(r.raw).padStart(12)}  ${ratio}`);
  }
}
