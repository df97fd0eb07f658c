// Executes a projection plan on SQLite inside the caller's transaction. Membership deltas touch only
// the delta rows: adding 100 members to a 50,000-member group is 100 single-row inserts.
import type { MemberWrite, ProjectionPlan, ResourceWrite } from '../projection/projection.plan';
import type { ResourceKey } from '../projection/resource-key';
import { upsertRows } from '../projection/upsert-rows';
import type { EmailRow, ResourceRow } from '../sql';
import type { SqliteStatements } from './sqlite-statements';

const KEY = 'tenant = ? AND resource_type = ? AND id = ?';

/** Writes every row change of a plan (not the checkpoint). */
export function writeSqlitePlan(statements: SqliteStatements, plan: ProjectionPlan): void {
  for (const write of plan.members) writeMembers(statements, write);
  for (const write of plan.resources) writeResource(statements, write);
}

function writeMembers(s: SqliteStatements, write: MemberWrite): void {
  switch (write.kind) {
    case 'add':
      for (const m of write.members) {
        s.run(
          `INSERT INTO scim_group_members (tenant, group_id, member_id, member_type, display) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
          [write.tenant, write.groupId, m.value, m.type ?? null, m.display ?? null],
        );
      }
      return;
    case 'remove':
      for (const value of write.values) {
        s.run('DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ? AND member_id = ?', [write.tenant, write.groupId, value]);
      }
      return;
    case 'clearGroup':
      s.run('DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ?', [write.tenant, write.groupId]);
      return;
    case 'leaveAllGroups':
      s.run('DELETE FROM scim_group_members WHERE tenant = ? AND member_id = ?', [write.tenant, write.memberId]);
      return;
  }
}

function writeResource(s: SqliteStatements, write: ResourceWrite): void {
  const { tenant, resourceType, id } = write.key;
  switch (write.kind) {
    case 'touch':
      s.run(`UPDATE scim_resources SET version = ?, last_modified = ? WHERE ${KEY}`, [write.version, write.lastModified, tenant, resourceType, id]);
      return;
    case 'delete':
      replaceEmails(s, write.key, []);
      s.run(`DELETE FROM scim_resources WHERE ${KEY}`, [tenant, resourceType, id]);
      return;
    case 'upsert': {
      // A stored row is updated in place, in the columns that changed only: SQLite rewrites the entries of every
      // index on a column named in SET, so a rename rewrites one index (display name) instead of six.
      const { rows, changed } = upsertRows(write);
      if (changed && updateChanged(s, write.key, changed.columns, rows.resource)) {
        if (changed.emails) replaceEmails(s, write.key, rows.emails);
        return;
      }
      insertRow(s, 'scim_resources', rows.resource, ['tenant', 'resource_type', 'id']);
      replaceEmails(s, write.key, rows.emails);
      return;
    }
  }
}

// Updates `columns` of the existing row; false when there is no such row (then the caller inserts it).
function updateChanged(s: SqliteStatements, key: ResourceKey, columns: (keyof ResourceRow)[], row: ResourceRow): boolean {
  if (columns.length === 0) return true;
  const set = columns.map((column) => `${column} = ?`).join(', ');
  return s.run(`UPDATE scim_resources SET ${set} WHERE ${KEY}`, [...columns.map((column) => sqliteValue(row[column])), key.tenant, key.resourceType, key.id]) > 0;
}

function replaceEmails(s: SqliteStatements, key: ResourceKey, emails: EmailRow[]): void {
  s.run(`DELETE FROM scim_emails WHERE ${KEY}`, [key.tenant, key.resourceType, key.id]);
  for (const email of emails) insertRow(s, 'scim_emails', email);
}

// Inserts a row, or updates it in place when `conflictKey` is given and the key exists.
function insertRow(s: SqliteStatements, table: string, row: object, conflictKey: string[] = []): void {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values);
  const updates = columns.filter((c) => !conflictKey.includes(c)).map((c) => `${c} = excluded.${c}`);
  const conflict = conflictKey.length > 0 ? ` ON CONFLICT (${conflictKey.join(', ')}) DO UPDATE SET ${updates.join(', ')}` : '';
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${conflict}`;
  s.run(sql, columns.map((c) => sqliteValue(values[c])));
}

// better-sqlite3 binds numbers, strings, bigints, buffers and null only.
function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
