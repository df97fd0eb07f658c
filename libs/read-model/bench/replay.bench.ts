// Replay benchmark: how fast the SCIM read model is rebuilt from the log (the projection runner's shadow rebuild,
// swap included), beside a raw sequential read of the same log (readAll pages) in the same run, for SQLite and
// PostgreSQL. Run: npm run bench:replay [-- --events 1000000 --batch 1000 --store sqlite|postgres|both]
// PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); skipped with a note if unreachable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, Position } from '@scim-hub/event-store';
import { ProjectionRunner } from '@scim-hub/event-store/projections';
import { until } from '@scim-hub/testing';
import type { ReadModel } from '../src';
import { scimProjection } from '../src/scim.projection';
import { writeIdentityLog } from './identity-log.bench-kit';
import { count, option } from './bench-options';

interface Result {
  store: string;
  events: number;
  rawRate: number;
  catchUpRate: number;
  rebuildRate: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The raw ceiling: every page of the log read in order, nothing done with it.
async function rawRead(store: EventStore, batch: number): Promise<{ events: number; head: Position | undefined }> {
  let events = 0;
  let head: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(head ? { after: head } : {}), maxCount: batch });
    events += page.length;
    if (page.length > 0) head = page[page.length - 1].position;
    if (page.length < batch) return { events, head };
  }
}

async function measure(name: string, store: EventStore, readModel: ReadModel, events: number, batch: number): Promise<Result> {
  console.log(`${name}: writing ~${events.toLocaleString('en-US')} events…`);
  const written = await writeIdentityLog(store, events);
  let raw = { events: 0, head: undefined as Position | undefined };
  const rawMs = await timed(async () => (raw = await rawRead(store, batch)));
  const runner = new ProjectionRunner(store, [scimProjection(readModel)], { batchSize: batch });
  // First the live projection catches up from 0 (what a start on an empty read model does) …
  const catchUpMs = await timed(async () => {
    runner.start();
    await runner.waitFor('scim', raw.head!, 3_600_000);
  });
  // … then a rebuild into a shadow copy, swapped in at the end.
  const rebuildMs = await timed(() => runner.rebuild('scim').finished);
  await until(async () => (await runner.status('scim')).state === 'running', 'running after the rebuild', 60_000);
  await runner.stop();
  if (raw.events !== written) throw new Error(`raw read saw ${raw.events} of ${written} events`);
  const perSecond = (ms: number) => (raw.events / ms) * 1000;
  return { store: name, events: raw.events, rawRate: perSecond(rawMs), catchUpRate: perSecond(catchUpMs), rebuildRate: perSecond(rebuildMs) };
}

async function sqlite(events: number, batch: number): Promise<Result> {
  const { openSqliteEventStore } = await import('@scim-hub/event-store/sqlite');
  const { openSqliteReadModel } = await import('../src/sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'scim-bench-replay-'));
  const store = await openSqliteEventStore({ file: join(dir, 'events.db') });
  const readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
  try {
    return await measure('SQLite', store, readModel, events, batch);
  } finally {
    await readModel.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(events: number, batch: number): Promise<Result> {
  const { openPostgresEventStore } = await import('@scim-hub/event-store/postgres');
  const { openPostgresReadModel } = await import('../src/postgres');
  const { Client } = await import('pg');
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const prefix = `bench_replay_${process.pid}`;
  const store = await openPostgresEventStore({ connectionString: url, schema: `${prefix}_events` });
  const readModel = await openPostgresReadModel({ connectionString: url, schema: `${prefix}_read` });
  try {
    return await measure('PostgreSQL', store, readModel, events, batch);
  } finally {
    await readModel.close();
    await store.close();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    for (const s of ['events', 'read', 'read_shadow', 'read_retired']) await admin.query(`DROP SCHEMA IF EXISTS ${prefix}_${s} CASCADE`);
    await admin.end();
  }
}

function print(results: Result[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
  console.log(`\n${'store'.padEnd(11)} ${'events'.padStart(10)} ${'raw read/s'.padStart(10)} ${'catch-up/s'.padStart(10)} ${'rebuild/s'.padStart(10)}  rebuild/raw`);
  for (const r of results) {
    console.log(`${r.store.padEnd(11)} ${fmt(r.events)} ${fmt(r.rawRate)} ${fmt(r.catchUpRate)} ${fmt(r.rebuildRate)}  ${(r.rebuildRate / r.rawRate).toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  const events = count('events', 1_000_000);
  const batch = count('batch', 1000);
  const which = option('store', 'both');
  const results: Result[] = [];
  if (which !== 'postgres') results.push(await sqlite(events, batch));
  if (which !== 'sqlite') {
    try {
      results.push(await postgres(events, batch));
    } catch (error) {
      console.warn(`skipped PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  print(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
