// The four systems: the node:http ceiling, the scimmy peer, and scim-hub on SQLite and on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from './bench.config';
import type { RowStatus, SystemId } from './bench.types';
import type { LaunchSpec } from './system.process';

/** A system before it starts: how to prepare it, what a start failure means, how to clean up after it. */
export interface SystemPlan {
  id: SystemId;
  name: string;
  /** Set when the system cannot run in this checkout (e.g. the hub is not built). */
  unavailable?: { status: RowStatus; note: string };
  /** Row status when the system does not start: the PostgreSQL hub may simply not support that store yet. */
  startFailure: RowStatus;
  prepare(startTimeoutSec: number): Promise<LaunchSpec>;
  cleanup(): Promise<void>;
}

/** Thrown by prepare() when a prerequisite is missing; the system is reported as skipped with the message. */
export class SkipSystem extends Error {}

/** The hub's entry point (BENCH_HUB_MAIN points elsewhere, e.g. another checkout's build); measured only when it exists. */
export const HUB_MAIN = process.env.BENCH_HUB_MAIN ?? path.join(REPO_ROOT, 'services', 'hub', 'dist', 'main.js');
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
    prepare: async (startTimeoutSec) => ({ script: path.join(SERVERS, file), cwd: REPO_ROOT, env: {}, portEnv: 'PORT', token: token(), startTimeoutSec }),
    cleanup: async () => undefined,
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

function hubSqlite(): SystemPlan {
  let dataDir: string | undefined;
  return {
    id: 'hub-sqlite',
    name: 'scim-hub (embedded, SQLite)',
    unavailable: existsSync(HUB_MAIN) ? undefined : { status: 'not built', note: `${path.relative(REPO_ROOT, HUB_MAIN)} not built` },
    startFailure: 'failed',
    prepare: async (startTimeoutSec) => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-'));
      const secret = token();
      const env = { ...hubEnv(dataDir, 'sqlite'), HUB_BOOTSTRAP_TOKEN: secret };
      return { script: HUB_MAIN, nodeArgs: hubNodeArgs(), cwd: REPO_ROOT, env, portEnv: 'HUB_PORT', token: secret, startTimeoutSec };
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

function hubPostgres(): SystemPlan {
  let dataDir: string | undefined;
  const database = `scimhub_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  let created = false;
  return {
    id: 'hub-postgres',
    name: 'scim-hub (PostgreSQL)',
    unavailable: existsSync(HUB_MAIN) ? undefined : { status: 'not built', note: `${path.relative(REPO_ROOT, HUB_MAIN)} not built` },
    startFailure: 'skipped',
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
      return { script: HUB_MAIN, nodeArgs: hubNodeArgs(), cwd: REPO_ROOT, env, portEnv: 'HUB_PORT', token: secret, startTimeoutSec };
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
    plainServer('peer', 'peer (scimmy + scimmy-routers, express 5)', 'peer.server.mjs'),
    hubSqlite(),
    hubPostgres(),
  ];
  return all.filter((plan) => ids.includes(plan.id));
}
