// An OR of equalities on indexed attributes is answered by index lookups, one per term, never by a scan of the
// tenant's users: EXPLAIN QUERY PLAN of the exact statement (and parameters) the SQLite read model ran.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModel, StatementTrace } from '../read-model.port';
import { registerSqliteFunctions } from '../sql';
import { OR_PLAN_CASES, OR_SCAN_CONTROL, listTraced, projectUsers, userId, type OrPlanCase } from '../testing/or-filter.fixtures';
import { openSqliteReadModel } from './sqlite-read-model';

// The read model never runs ANALYZE on SQLite, so neither does this test: the plans are those of the hub.
const USERS = 3000;
const INDEX = { userName: 'scim_resources_user_name', externalId: 'scim_resources_external_id', id: 'sqlite_autoindex_scim_resources_1' };
const COLUMN = { userName: 'user_name_ci', externalId: 'external_id', id: 'id' };

describe('SQLite read model: OR of equalities on indexed attributes (EXPLAIN QUERY PLAN)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-or-plan-'));
  const file = join(dir, 'read-model.db');
  const statements: StatementTrace[] = [];
  let readModel: ReadModel;
  const ran = new Map<string, StatementTrace[]>();

  beforeAll(async () => {
    readModel = await openSqliteReadModel({ file, onStatement: (s) => statements.push(s) });
    await projectUsers(readModel, USERS);
  }, 60_000);
  afterAll(async () => {
    await readModel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([...OR_PLAN_CASES, OR_SCAN_CONTROL].map((c) => [c.filter.slice(0, 90), c] as const))('%s: selects its users', async (_name, c) => {
    const { ids, totalResults, statements: traced } = await listTraced(readModel, statements, c.filter);
    expect(ids).toEqual(c.users.map(userId));
    expect(totalResults).toBe(c.users.length);
    expect(traced.length).toBeGreaterThan(0);
    ran.set(c.filter, traced);
  });

  // The read model holds its file exclusively (locking_mode EXCLUSIVE), so the plans are read after it closed.
  async function plansOf(c: OrPlanCase): Promise<string[][]> {
    await readModel.close();
    const db = new Database(file, { readonly: true });
    registerSqliteFunctions(db);
    try {
      const traced = ran.get(c.filter) ?? [];
      expect(traced.length).toBeGreaterThan(0);
      return traced.map((s) => (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((r) => r.detail));
    } finally {
      db.close();
    }
  }

  // The lines that read scim_resources (alias r) other than by a lookup of one of the terms' columns.
  const walks = (plan: string[], c: OrPlanCase) =>
    plan.filter((line) => /^(SCAN|SEARCH) r\b/.test(line) && !c.indexes.some((a) => line.includes(`${COLUMN[a]}=?`)));

  it.each(OR_PLAN_CASES.map((c) => [c.filter.slice(0, 90), c] as const))('%s: one index lookup per term, no scan', async (_name, c) => {
    for (const plan of await plansOf(c)) {
      expect({ plan, walks: walks(plan, c) }).toEqual({ plan, walks: [] });
      for (const attribute of c.indexes) {
        const lookup = `SEARCH r USING INDEX ${INDEX[attribute]} (tenant=? AND resource_type=? AND ${COLUMN[attribute]}=?)`;
        expect({ plan, uses: plan.some((line) => line.startsWith(lookup)) }).toEqual({ plan, uses: true });
      }
      if (new Set(c.indexes).size > 1) expect(plan).toContain('MULTI-INDEX OR');
    }
  });

  it('control: an OR with a term on a non-indexed attribute reads the whole tenant, and the check sees it', async () => {
    for (const plan of await plansOf(OR_SCAN_CONTROL)) expect({ plan, walks: walks(plan, OR_SCAN_CONTROL).length > 0 }).toEqual({ plan, walks: true });
  });
});
