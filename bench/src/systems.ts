// The systems: the node:http ceilings (in-memory and durable), the scimmy peer, scim-hub on SQLite and on
// PostgreSQL, and optionally a baseline hub build (BENCH_BASELINE_MAIN) on each store for the before/after table.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from './bench.config';
import type { RowStatus, ScenarioId, SystemId } from './bench.types';
import type { LaunchSpec } from './system.process';

/** A system before it starts: how to prepare it, what a start failure means, how to clean up after it. */
export interface SystemPlan {
  id: SystemId;
  name: string;
  /** Set when the system cannot run in this checkout (e.g. the hub is not built). */
  unavailable?: { status: RowStatus; note: string };
  /** Row status when the system does not start: the PostgreSQL hub may simply not support that store yet. */
  startFailure: RowStatus;
  /** The scenarios it answers (all when unset); the others are reported n/a with `servesNote`. Without the group
   * scenarios, no groups are preloaded. */
  serves?: readonly ScenarioId[];
  servesNote?: string;
  /** Grows a second group to config.rssGroupMembers after the scenarios and reads the final peak RSS. */
  growsRssGroup: boolean;
  /** The command name of the database server the system uses, when it runs on this machine: its CPU per request
   * is read too (readCommandCpuSeconds), since the server process's own CPU leaves that work out. */
  databaseServer?: string;
  /** A hub build: profiled around each timed scenario when the run has --profile. */
  profiled?: boolean;
  prepare(startTimeoutSec: number): Promise<LaunchSpec>;
  cleanup(): Promise<void>;
}

/** Thrown by prepare() when a prerequisite is missing; the system is reported as skipped with the message. */
export class SkipSystem extends Error {}

/** The hub's entry point (BENCH_HUB_MAIN points elsewhere, e.g. another checkout's build); measured only when it exists. */
export const HUB_MAIN = process.env.BENCH_HUB_MAIN ?? path.join(REPO_ROOT, 'services', 'hub', 'dist', 'main.js');
/** The baseline hub build of the `-before` systems: another checkout's services/hub/dist/main.js (that checkout
 * has its own node_modules). Unset: those systems are skipped. */
export const BASELINE_MAIN = process.env.BENCH_BASELINE_MAIN ? path.resolve(process.env.BENCH_BASELINE_MAIN) : undefined;
const SERVERS = path.join(REPO_ROOT, 'bench', 'servers');
const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const token = (): string => randomBytes(24).toString('hex');

/** The Node.js options of `npm start` (package.json: `node <options> services/hub/dist/main.js`), so the hub is
 * measured as users run it — with the same V8 heap cap. */
export function hubNodeArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = scripts['start'].trim().split(/\s+/);
  return words.slice(1, words.findIndex((w) => w.endsWith('main.js')));
}

function plainServer(id: SystemId, name: string, file: string): SystemPlan {
  return {
    id,
    name,
    startFailure: 'failed',
    growsRssGroup: id === 'ceiling',
    prepare: async (startTimeoutSec) => ({ script: path.join(SERVERS, file), cwd: REPO_ROOT, env: {}, portEnv: 'PORT', token: token(), startTimeoutSec }),
    cleanup: async () => undefined,
  };
}

/** The durable ceiling serves what the issue asks of it: user creates and `userName eq` filters. */
export const DURABLE_SERVES: readonly ScenarioId[] = ['filter-small', 'filter-large', 'create'];

function durableCeiling(): SystemPlan {
  let dataDir: string | undefined;
  return {
    id: 'durable',
    name: 'durable ceiling (node:http + SQLite WAL, ack after fsync)',
    startFailure: 'failed',
    serves: DURABLE_SERVES,
    servesNote: 'the durable ceiling serves user creates and filters only',
    growsRssGroup: false,
    prepare: async (startTimeoutSec) => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-durable-'));
      const secret = token();
      const env = { BENCH_DATA_DIR: dataDir, BENCH_TOKEN: secret };
      return { script: path.join(SERVERS, 'durable-ceiling.server.mjs'), cwd: REPO_ROOT, env, portEnv: 'PORT', token: secret, startTimeoutSec };
    },
    cleanup: async () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function hubEnv(dataDir: string, store: string): Record<string, string> {
  return {
    HUB_HOST: '127.0.0.1',
    HUB_DATA_DIR: dataDir,
    HUB_STORE: store,
    // Request logging is not what is measured; HUB_LOG_LEVEL from the caller's environment wins.
    HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL ?? 'warn',
  };
}

/** Which hub build a hub system runs: this checkout's, or the baseline's (from its own checkout root). */
interface HubBuild {
  main: string | undefined;
  cwd: string;
  /** Why the system cannot run, when it cannot. */
  unavailable?: { status: RowStatus; note: string };
}

function hubBuild(baseline: boolean): HubBuild {
  if (!baseline) {
    const unavailable = existsSync(HUB_MAIN) ? undefined : { status: 'not built' as const, note: `${path.relative(REPO_ROOT, HUB_MAIN)} not built` };
    return { main: HUB_MAIN, cwd: REPO_ROOT, unavailable };
  }
  if (!BASELINE_MAIN) return { main: undefined, cwd: REPO_ROOT, unavailable: { status: 'skipped', note: 'BENCH_BASELINE_MAIN not set' } };
  // <checkout>/services/hub/dist/main.js: the checkout is four levels up.
  const cwd = path.resolve(BASELINE_MAIN, '..', '..', '..', '..');
  const unavailable = existsSync(BASELINE_MAIN) ? undefined : { status: 'not built' as const, note: `BENCH_BASELINE_MAIN ${BASELINE_MAIN} not built` };
  return { main: BASELINE_MAIN, cwd, unavailable };
}

function hubSqlite(baseline: boolean): SystemPlan {
  let dataDir: string | undefined;
  const build = hubBuild(baseline);
  return {
    id: baseline ? 'hub-sqlite-before' : 'hub-sqlite',
    name: `scim-hub (embedded, SQLite)${baseline ? ', baseline build' : ''}`,
    unavailable: build.unavailable,
    startFailure: 'failed',
    growsRssGroup: true,
    profiled: true,
    prepare: async (startTimeoutSec) => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-'));
      const secret = token();
      const env = { ...hubEnv(dataDir, 'sqlite'), HUB_BOOTSTRAP_TOKEN: secret };
      return { script: build.main ?? '', nodeArgs: hubNodeArgs(), cwd: build.cwd, env, portEnv: 'HUB_PORT', token: secret, startTimeoutSec };
    },
    cleanup: async () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Only a server on this machine can be read in /proc (and is not shared with other machines' work).
function isThisMachine(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

function hubPostgres(baseline: boolean): SystemPlan {
  let dataDir: string | undefined;
  const database = `scimhub_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  let created = false;
  const build = hubBuild(baseline);
  return {
    id: baseline ? 'hub-postgres-before' : 'hub-postgres',
    name: `scim-hub (PostgreSQL)${baseline ? ', baseline build' : ''}`,
    unavailable: build.unavailable,
    startFailure: 'skipped',
    growsRssGroup: true,
    databaseServer: isThisMachine(PG_ADMIN_URL) ? 'postgres' : undefined,
    profiled: true,
    prepare: async (startTimeoutSec) => {
      try {
        await adminQuery(`CREATE DATABASE "${database}"`);
        created = true;
      } catch (err) {
        throw new SkipSystem(`PostgreSQL not usable at ${PG_ADMIN_URL}: ${(err as Error).message}`);
      }
      dataDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-pg-'));
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${database}`;
      const secret = token();
      const env = { ...hubEnv(dataDir, 'postgres'), DATABASE_URL: url.toString(), HUB_BOOTSTRAP_TOKEN: secret };
      return { script: build.main ?? '', nodeArgs: hubNodeArgs(), cwd: build.cwd, env, portEnv: 'HUB_PORT', token: secret, startTimeoutSec };
    },
    cleanup: async () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      // WITH (FORCE) (PostgreSQL 13+) ends connections a killed hub may have left behind.
      if (created) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}

/** The plans for the requested systems, in table order. */
export function systemPlans(ids: SystemId[]): SystemPlan[] {
  const all: SystemPlan[] = [
    plainServer('ceiling', 'ceiling (node:http + Map)', 'ceiling.server.mjs'),
    durableCeiling(),
    plainServer('peer', 'peer (scimmy + scimmy-routers, express 5)', 'peer.server.mjs'),
    hubSqlite(true),
    hubSqlite(false),
    hubPostgres(true),
    hubPostgres(false),
  ];
  return all.filter((plan) => ids.includes(plan.id));
}
