// OR filter benchmark: ms per list query for `userName eq "…" or …` (Entra's form) against many users, on the
// SQLite and PostgreSQL read models, beside a single `userName eq` lookup in the same run (the floor an OR of
// index lookups can approach). Run: node tools/run-ts.js libs/read-model/bench/or-filter.bench.ts
//   [--users 30000 --terms 10 --queries 500 --store sqlite|postgres|both]
// PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); skipped with a note if unreachable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseFilter, type Filter } from '@scim-hub/scim';
import type { ReadModel } from '../src';
import { OR_TENANT, projectUsers, userNameOrFilter } from '../src/testing/or-filter.fixtures';
import { count, option } from './bench-options';

const USERS = count('users', 30_000);
const TERMS = count('terms', 10);
const QUERIES = count('queries', 500);
const STORE = option('store', 'both');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Deterministic user picks, so that runs (and commits) compare the same queries.
function picks(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 1 + (x % USERS);
  });
}

interface Timing {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

async function time(readModel: ReadModel, filters: Filter[], expected: number): Promise<Timing> {
  const list = (filter: Filter) => readModel.list(OR_TENANT, 'User', { filter, startIndex: 1, count: 100, includeMembers: false });
  for (const filter of filters.slice(0, 50)) await list(filter);
  const samples: number[] = [];
  for (const filter of filters) {
    const start = process.hrtime.bigint();
    const result = await list(filter);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.resources.length < expected) throw new Error(`expected at least ${expected} users, got ${result.resources.length}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { meanMs: samples.reduce((a, b) => a + b, 0) / samples.length, p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function measure(name: string, readModel: ReadModel, analyze?: () => Promise<void>): Promise<void> {
  const start = Date.now();
  await projectUsers(readModel, USERS);
  await analyze?.();
  console.log(`${name}: ${USERS.toLocaleString('en-US')} users projected in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  // Distinct picks per query, so an OR of TERMS terms matches TERMS users (duplicates are rare and tolerated).
  const or = Array.from({ length: QUERIES }, (_v, q) => parseFilter(userNameOrFilter(picks(TERMS, q + 1))));
  const one = Array.from({ length: QUERIES }, (_v, q) => parseFilter(userNameOrFilter(picks(1, q + 1))));
  const single = await time(readModel, one, 1);
  const ored = await time(readModel, or, Math.ceil(TERMS / 2));
  const row = (label: string, t: Timing) =>
    console.log(`  ${label.padEnd(28)} mean ${t.meanMs.toFixed(3)} ms  p50 ${t.p50Ms.toFixed(3)} ms  p99 ${t.p99Ms.toFixed(3)} ms`);
  row('userName eq (1 term)', single);
  row(`OR of ${TERMS} userName eq`, ored);
  console.log(`  OR / single (mean): ${(ored.meanMs / single.meanMs).toFixed(2)}×`);
}

async function sqlite(): Promise<void> {
  const { openSqliteReadModel } = await import('../src/sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'scim-bench-or-'));
  const readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
  try {
    await measure('SQLite', readModel);
  } finally {
    await readModel.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<void> {
  const { openPostgresReadModel } = await import('../src/postgres');
  const schema = `bench_or_${process.pid}`;
  const admin = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL: skipped, ${DATABASE_URL} unreachable (${(error as Error).message})`);
    return;
  }
  const readModel = await openPostgresReadModel({ connectionString: DATABASE_URL, schema });
  try {
    // The read model analyses on its own once enough rows changed; here at once, so every run plans alike.
    await measure('PostgreSQL', readModel, async () => void (await admin.query(`ANALYZE "${schema}".scim_resources`)));
  } finally {
    await readModel.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  console.log(`OR filter benchmark: ${USERS} users, OR of ${TERMS} userName eq, ${QUERIES} queries per row, page of 100`);
  if (STORE === 'sqlite' || STORE === 'both') await sqlite();
  if (STORE === 'postgres' || STORE === 'both') await postgres();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
