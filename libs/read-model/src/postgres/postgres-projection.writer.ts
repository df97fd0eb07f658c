// Executes a projection plan on PostgreSQL inside the caller's transaction. Member deltas are one
// statement each over unnest()ed arrays, touching only the delta rows: adding 100 members to a
// 50,000-member group inserts those 100 rows (ON CONFLICT DO NOTHING) and nothing else.
import type { PoolClient } from 'pg';
import type { MemberWrite, ProjectionPlan } from '../projection/projection.plan';
import { writePostgresResources } from './postgres-resource-writes';
import type { PostgresStatements } from './postgres-statements';

/** Writes every row change of a plan (not the checkpoint). */
export async function writePostgresPlan(s: PostgresStatements, client: PoolClient, plan: ProjectionPlan): Promise<void> {
  for (const write of plan.members) await writeMembers(s, client, write);
  await writePostgresResources(s, client, plan.resources);
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
