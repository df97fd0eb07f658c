import { Client } from 'pg';
import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { IdentityEventLog, user } from '../testing';
import { openPostgresReadModel } from './postgres-read-model';
import { analyzeThreshold } from './postgres-statistics';

// The read model keeps its own planner statistics: the build machine's PostgreSQL runs without autovacuum, and
// without statistics the planner reads one User by scanning every User of the tenant (postgres-statistics.ts).
const reachable = postgresReachable();
const schemaName = (tag: string) => `rm_stats_${tag}_${process.pid}_${Date.now().toString(36)}`;

function createUsers(log: IdentityEventLog, from: number, count: number): void {
  for (let i = from; i < from + count; i++) {
    log.record('acme', 'User', `u${i}`, { type: 'UserCreated', data: { id: `u${i}`, resource: user(`user${i}`) } });
  }
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!reachable.ok) {
  console.warn(`skipped: PostgreSQL read model planner statistics, no server at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`PostgreSQL read model: planner statistics — skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}

if (reachable.ok) describe('PostgreSQL read model: planner statistics', () => {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  const schemas: string[] = [];
  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const tableStats = async (schema: string) => {
    const { rows } = await admin.query<{ relname: string; analyzed: boolean; reltuples: number }>(
      `SELECT c.relname, c.reltuples >= 0 AS analyzed, c.reltuples::float8 AS reltuples FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
      [schema],
    );
    return Object.fromEntries(rows.map((r) => [r.relname, r]));
  };

  it('analyzes the tables once projected rows pass the threshold, and the key lookup then uses the primary key', async () => {
    const schema = schemaName('grow');
    schemas.push(schema);
    const readModel = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const log = new IdentityEventLog();
      createUsers(log, 0, 20);
      await readModel.project(log.events);
      expect((await tableStats(schema)).scim_resources.analyzed).toBe(false);

      createUsers(log, 20, 2000);
      await readModel.project(log.since(20));
      const stats = await until(() => tableStats(schema), (s) => s.scim_resources.reltuples === 2020);
      expect(stats.scim_resources).toMatchObject({ analyzed: true, reltuples: 2020 });

      const { rows } = await admin.query(
        `EXPLAIN SELECT doc FROM "${schema}".scim_resources WHERE tenant = 'acme' AND resource_type = 'User' AND id = 'u7'`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('scim_resources_pkey');
    } finally {
      await readModel.close();
    }
  });

  it('at open, analyzes tables that earlier runs changed without analyzing them', async () => {
    const schema = schemaName('open');
    schemas.push(schema);
    const below = Math.floor(analyzeThreshold(0)) - 10;
    const first = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema });
    const log = new IdentityEventLog();
    createUsers(log, 0, below);
    await first.project(log.events);
    await first.close();
    expect((await tableStats(schema)).scim_resources.analyzed).toBe(false);
    // PostgreSQL's counters learn of the first run's rows when its connections end.
    const liveRows = async () =>
      Number((await admin.query(`SELECT n_live_tup FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'scim_resources'`, [schema])).rows[0]?.n_live_tup ?? 0);
    expect(await until(liveRows, (n) => n === below)).toBe(below);

    const second = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema });
    try {
      const stats = await until(
        async () => {
          await second.checkpoint();
          return tableStats(schema);
        },
        (s) => s.scim_resources.analyzed,
      );
      expect(stats.scim_resources).toMatchObject({ analyzed: true, reltuples: below });
    } finally {
      await second.close();
    }
  });
});
