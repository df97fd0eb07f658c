// kill -9 of a process running projections mid-stream, then a restart (SQLite) or a second process taking the
// lease over (PostgreSQL): every event of the log is applied exactly once. The counting projection inserts one
// row per event keyed by position without skipping, so an event handed twice would fail on the primary key.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { postgresReachable, TEST_DATABASE_URL, until } from '@scim-hub/testing';
import type { EventStore } from '../src';
import { positionToString } from '../src';
import { openPostgresEventStore } from '../src/postgres';
import { openSqliteEventStore } from '../src/sqlite';
import { postgresCounting, sqliteCounting, type CountedRows } from './counting-projections';

const root = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'projection-crash.child.ts');
const EVENTS = 20_000;

interface Runner {
  proc: ChildProcess;
  lines: string[];
  has(line: string): boolean;
  count(prefix: string): number;
  killed: Promise<void>;
}

const started: Runner[] = [];
afterAll(async () => {
  for (const child of started) if (child.proc.exitCode === null && child.proc.signalCode === null) await kill9(child);
});

function startChild(args: string[]): Runner {
  const proc = spawn(process.execPath, [join(root, 'tools/run-ts.js'), CHILD, ...args], { cwd: root });
  const lines: string[] = [];
  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr!.on('data', (chunk: Buffer) => lines.push(`stderr ${chunk.toString()}`));
  const killed = new Promise<void>((r) => proc.once('exit', () => r()));
  started.push({ proc, lines, killed, has: () => false, count: () => 0 });
  return { proc, lines, killed, has: (line) => lines.includes(line), count: (prefix) => lines.filter((l) => l.startsWith(prefix)).length };
}

async function kill9(child: Runner): Promise<void> {
  child.proc.kill('SIGKILL');
  await child.killed;
}

async function seed(store: EventStore): Promise<string[]> {
  for (let stream = 0; stream < EVENTS / 500; stream++) {
    const events = Array.from({ length: 500 }, (_, n) => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n }, metadata: { tenant: 't', time: new Date().toISOString() } }));
    await store.appendToStream(`t/Stream/${stream}`, 'no_stream', events);
  }
  const positions: string[] = [];
  for (let after; ; ) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 5000 });
    positions.push(...page.map((e) => positionToString(e.position)));
    if (page.length < 5000) return positions;
    after = page.at(-1)!.position;
  }
}

function expectExactlyOnce(rows: CountedRows, log: string[]): void {
  expect(rows.positions.length).toBe(log.length);
  expect(rows.positions).toEqual(log);
  expect(rows.checkpoint).toBe(log.at(-1));
}

describe('projection runner: kill -9 mid-stream (SQLite files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-projection-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restarts from the checkpoint: nothing lost, nothing applied twice', async () => {
    const store = await openSqliteEventStore({ file: join(dir, 'events.db') });
    const log = await seed(store);
    await store.close();
    const first = startChild(['sqlite', dir]);
    await until(() => first.count('applied') >= 20, 'first process applied 20 batches', 60_000, 5);
    expect(first.has('caughtup')).toBe(false);
    await kill9(first);
    const second = startChild(['sqlite', dir]);
    await until(() => second.has('caughtup'), `second process caught up\n${second.lines.slice(-5).join('\n')}`, 120_000, 20);
    await kill9(second);
    expect(second.lines.filter((l) => l.startsWith('error') || l.startsWith('stderr'))).toEqual([]);
    const counting = sqliteCounting(join(dir, 'counting.db'));
    const rows = counting.rows();
    counting.close();
    expectExactlyOnce(rows, log);
  }, 240_000);
});

const reachable = postgresReachable();
(reachable.ok ? describe : describe.skip)(`projection runner: kill -9 of the lease holder (PostgreSQL)${reachable.ok ? '' : ` — skipped: ${reachable.why}`}`, () => {
  const schema = `crash_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_events CASCADE; DROP SCHEMA IF EXISTS ${schema}_counting CASCADE`);
    await admin.end();
  });

  it('a standby process takes the lease over and finishes: nothing lost, nothing applied twice', async () => {
    const store = await openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: `${schema}_events` });
    const log = await seed(store);
    await store.close();
    const children = [startChild(['postgres', TEST_DATABASE_URL, schema]), startChild(['postgres', TEST_DATABASE_URL, schema])];
    const tails = () => children.map((c, i) => `child ${i}: ${c.lines.filter((l) => !l.startsWith('applied')).slice(-6).join(' | ')} (${c.count('applied')} batches)`).join('\n');
    await until(() => children.some((c) => c.count('applied') >= 10) && children.some((c) => c.has('state standby')), 'one holder projecting, one standby', 60_000, 5).catch((e: Error) => {
      throw new Error(`${e.message}\n${tails()}`);
    });
    const holder = children.find((c) => c.count('applied') >= 10)!;
    const standby = children.find((c) => c !== holder)!;
    expect(holder.has('caughtup')).toBe(false);
    await kill9(holder);
    await until(() => standby.has('caughtup'), `standby took over and caught up\n${standby.lines.slice(-5).join('\n')}`, 120_000, 20);
    expect(standby.lines).toContain('state running');
    await kill9(standby);
    expect(standby.lines.filter((l) => l.startsWith('error') || l.startsWith('stderr'))).toEqual([]);
    const counting = await postgresCounting(TEST_DATABASE_URL, `${schema}_counting`);
    const rows = await counting.rows();
    await counting.close();
    expectExactlyOnce(rows, log);
  }, 240_000);
});
