// An OR of equalities on indexed attributes is answered by index lookups (an Index Scan with `= ANY`, or a
// BitmapOr of index scans), never by a Seq Scan of the users: EXPLAIN (FORMAT JSON) of the exact statement
// (and parameters) the PostgreSQL read model ran, on enough rows and after ANALYZE.
import { Client, escapeLiteral } from 'pg';
import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import type { ReadModel, StatementTrace } from '../read-model.port';
import { OR_PLAN_CASES, OR_SCAN_CONTROL, listTraced, projectUsers, userId, type OrPlanCase } from '../testing/or-filter.fixtures';
import { openPostgresReadModel } from './postgres-read-model';

const USERS = 5000;
const INDEX = { userName: 'scim_resources_user_name', externalId: 'scim_resources_external_id', id: 'scim_resources_pkey' };

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

const reachable = postgresReachable();
if (reachable.ok) {
  describe('PostgreSQL read model: OR of equalities on indexed attributes (EXPLAIN)', () => {
    const schema = `rm_or_plan_${process.pid}_${Date.now().toString(36)}`;
    const statements: StatementTrace[] = [];
    const admin = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    let readModel: ReadModel;

    beforeAll(async () => {
      readModel = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema, onStatement: (s) => statements.push(s) });
      await projectUsers(readModel, USERS);
      await admin.connect();
      await admin.query('ANALYZE scim_resources');
    }, 120_000);
    afterAll(async () => {
      await readModel?.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await admin.end();
    });

    // The plan PostgreSQL uses for the statement: for its parameters (an unnamed statement), or as a prepared statement
    // run six times first, after which PostgreSQL may switch to a generic plan for any parameters (the read model names
    // the texts that recur).
    let prepared = 0;
    async function planOf(sql: string, params: readonly unknown[], mode: 'custom' | 'prepared'): Promise<PlanNode> {
      if (mode === 'custom') return ((await admin.query(`EXPLAIN (FORMAT JSON) ${sql}`, [...params])).rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
      const name = `or_plan_${++prepared}`;
      const args = params.map((p) => (typeof p === 'string' ? escapeLiteral(p) : String(p))).join(', ');
      await admin.query(`PREPARE ${name} AS ${sql}`);
      try {
        for (let i = 0; i < 6; i++) await admin.query(`EXECUTE ${name}(${args})`);
        return ((await admin.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${args})`)).rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
      } finally {
        await admin.query(`DEALLOCATE ${name}`);
      }
    }

    async function plansOf(c: OrPlanCase, mode: 'custom' | 'prepared' = 'custom'): Promise<{ summary: string[]; seqScans: number; used: string[] }[]> {
      const { ids, totalResults, statements: traced } = await listTraced(readModel, statements, c.filter);
      expect(ids).toEqual(c.users.map(userId));
      expect(totalResults).toBe(c.users.length);
      expect(traced.length).toBeGreaterThan(0);
      const plans = [];
      for (const statement of traced) {
        const plan = nodes(await planOf(statement.sql, statement.params, mode));
        plans.push({
          summary: plan.map((n) => `${n['Node Type']}${n['Relation Name'] ? ' on ' + n['Relation Name'] : ''}${n['Index Name'] ? ' using ' + n['Index Name'] : ''}`),
          seqScans: plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'scim_resources').length,
          used: [...new Set(plan.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])))].sort(),
        });
      }
      return plans;
    }

    // Every index the plan reads is one of the terms' indexes (no walk of the paging index), and each is read.
    it.each(OR_PLAN_CASES.map((c) => [c.filter.slice(0, 90), c] as const))('%s', async (_name, c) => {
      const expected = [...new Set(c.indexes.map((a) => INDEX[a]))].sort();
      for (const { summary, seqScans, used } of await plansOf(c)) expect({ summary, seqScans, used }).toEqual({ summary, seqScans: 0, used: expected });
    });

    it.each(OR_PLAN_CASES.map((c) => [c.filter.slice(0, 90), c] as const))('as a prepared statement run six times: %s', async (_name, c) => {
      const expected = [...new Set(c.indexes.map((a) => INDEX[a]))].sort();
      for (const { summary, seqScans, used } of await plansOf(c, 'prepared')) expect({ summary, seqScans, used }).toEqual({ summary, seqScans: 0, used: expected });
    });

    it.each(['custom', 'prepared'] as const)('control (%s): an OR with a term on a non-indexed attribute reads the whole tenant, and the check sees it', async (mode) => {
      for (const { summary, seqScans, used } of await plansOf(OR_SCAN_CONTROL, mode)) {
        expect({ summary, walks: seqScans > 0 || used.some((index) => index !== INDEX.userName) }).toEqual({ summary, walks: true });
      }
    });
  });
} else {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`OR filter plans on PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
