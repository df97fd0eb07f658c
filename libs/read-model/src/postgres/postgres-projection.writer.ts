// Executes a projection plan on PostgreSQL inside the caller's transaction. Member deltas are one
// statement each over unnest()ed arrays, touching only the delta rows: adding 100 members to a
// 50,000-member group inserts those 100 rows (ON CONFLICT DO NOTHING) and nothing else.
import type { PoolClient } from 'pg';
import type { MemberWrite, ProjectionPlan, ResourceWrite } from '../projection/projection.plan';
import { resourceRows } from '../sql';
import type { PostgresStatements } from './postgres-statements';

const KEY = 'tenant = $1 AND resource_type = $2 AND id = $3';

/** Writes every row change of a plan (not the checkpoint). */
export async function writePostgresPlan(s: PostgresStatements, client: PoolClient, plan: ProjectionPlan): Promise<void> {
  for (const write of plan.members) await writeMembers(s, client, write);
  for (const write of plan.resources) await writeResource(s, client, write);
}

/** Rows a plan inserts, updates or deletes, as far as the plan tells (a cleared group counts once). */
export function changedRows(plan: ProjectionPlan): number {
  const members = plan.members.reduce((sum, w) => sum + (w.kind === 'add' ? w.members.length : w.kind === 'remove' ? w.values.length : 1), 0);
  return members + plan.resources.length;
}

async function writeMembers(s: PostgresStatements, client: PoolClient, write: MemberWrite): Promise<void> {
  switch (write.kind) {
    case 'add':
      await s.query(
        client,
        `INSERT INTO scim_group_members (tenant, group_id, member_id, member_type, display)
         SELECT $1, $2, u.member_id, u.member_type, u.display
         FROM unnest($3::text[], $4::text[], $5::text[]) AS u(member_id, member_type, display)
         ON CONFLICT DO NOTHING`,
        [
          write.tenant,
          write.groupId,
          write.members.map((m) => m.value),
          write.members.map((m) => m.type ?? null),
          write.members.map((m) => m.display ?? null),
        ],
        true,
      );
      return;
    case 'remove':
      await s.query(
        client,
        'DELETE FROM scim_group_members WHERE tenant = $1 AND group_id = $2 AND member_id = ANY($3::text[])',
        [write.tenant, write.groupId, write.values],
        true,
      );
      return;
    case 'clearGroup':
      await s.query(client, 'DELETE FROM scim_group_members WHERE tenant = $1 AND group_id = $2', [write.tenant, write.groupId], true);
      return;
    case 'leaveAllGroups':
      await s.query(client, 'DELETE FROM scim_group_members WHERE tenant = $1 AND member_id = $2', [write.tenant, write.memberId], true);
      return;
  }
}

async function writeResource(s: PostgresStatements, client: PoolClient, write: ResourceWrite): Promise<void> {
  const { tenant, resourceType, id } = write.key;
  switch (write.kind) {
    case 'touch':
      await s.query(client, `UPDATE scim_resources SET version = $4, last_modified = $5 WHERE ${KEY}`, [tenant, resourceType, id, write.version, write.lastModified], true);
      return;
    case 'delete':
      await s.query(client, `DELETE FROM scim_emails WHERE ${KEY}`, [tenant, resourceType, id], true);
      await s.query(client, `DELETE FROM scim_resources WHERE ${KEY}`, [tenant, resourceType, id], true);
      return;
    case 'upsert': {
      const { resource } = write;
      const rows = resourceRows(tenant, resourceType, resource.doc, {
        created: resource.created,
        lastModified: resource.lastModified,
        version: resource.version,
      });
      await insertRow(s, client, 'scim_resources', rows.resource, ['tenant', 'resource_type', 'id']);
      await s.query(client, `DELETE FROM scim_emails WHERE ${KEY}`, [tenant, resourceType, id], true);
      for (const email of rows.emails) await insertRow(s, client, 'scim_emails', email);
      return;
    }
  }
}

// Inserts a row, or updates it in place when `conflictKey` is given and the key exists. Column lists come
// from the row mapping (a fixed set per table), so the statement text is static and prepared once.
async function insertRow(
  s: PostgresStatements,
  client: PoolClient,
  table: string,
  row: object,
  conflictKey: string[] = [],
): Promise<void> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values);
  const placeholders = columns.map((_c, i) => `$${i + 1}`).join(', ');
  const updates = columns.filter((c) => !conflictKey.includes(c)).map((c) => `${c} = excluded.${c}`);
  const conflict = conflictKey.length > 0 ? ` ON CONFLICT (${conflictKey.join(', ')}) DO UPDATE SET ${updates.join(', ')}` : '';
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})${conflict}`;
  await s.query(client, sql, columns.map((c) => pgValue(values[c])), true);
}

// pg turns JS arrays into PostgreSQL arrays; JSON columns need the JSON text instead.
function pgValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
