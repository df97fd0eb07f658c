// The resource rows of a projection batch, written with a fixed handful of statements whatever the batch size:
// each resource appears at most once per plan, so upserts, touches and deletes of different resources do not
// depend on each other's order. Row-by-row statements cost a round trip each inside the projection
// transaction — about 100 for a batch of 32 creates — and every write waits for that transaction
// (read-your-writes).
import type { PoolClient } from 'pg';
import type { ResourceWrite } from '../projection/projection.plan';
import { upsertRows } from '../projection/upsert-rows';
import type { EmailRow, ResourceRow } from '../sql';
import type { PostgresStatements } from './postgres-statements';

type Upsert = Extract<ResourceWrite, { kind: 'upsert' }>;
type Touch = Extract<ResourceWrite, { kind: 'touch' }>;
type Keyed = { key: { tenant: string; resourceType: string; id: string } };

const RESOURCE_COLUMNS: [keyof ResourceRow, string][] = [
  ['tenant', 'text'],
  ['resource_type', 'text'],
  ['id', 'text'],
  ['user_name_ci', 'text'],
  ['external_id', 'text'],
  ['display_name_ci', 'text'],
  ['manager_id', 'text'],
  ['active', 'boolean'],
  ['created', 'text'],
  ['last_modified', 'text'],
  ['version', 'bigint'],
  ['doc', 'text'],
];

const EMAIL_COLUMNS: [keyof EmailRow, string][] = [
  ['tenant', 'text'],
  ['resource_type', 'text'],
  ['id', 'text'],
  ['ord', 'integer'],
  ['value_ci', 'text'],
  ['type_ci', 'text'],
  ['is_primary', 'boolean'],
  ['display', 'text'],
];

const KEY_COLUMNS = ['tenant', 'resource_type', 'id'];
const names = (columns: [string, string][]) => columns.map(([name]) => name).join(', ');
const recordType = (columns: [string, string][]) => columns.map(([name, type]) => `${name} ${type}`).join(', ');

const UPSERT_RESOURCES = `INSERT INTO scim_resources (${names(RESOURCE_COLUMNS)})
  SELECT ${RESOURCE_COLUMNS.map(([name]) => (name === 'doc' ? 'r.doc::jsonb' : `r.${name}`)).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS r(${recordType(RESOURCE_COLUMNS)})
  ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET
  ${RESOURCE_COLUMNS.filter(([name]) => !KEY_COLUMNS.includes(name)).map(([name]) => `${name} = excluded.${name}`).join(', ')}`;

const INSERT_EMAILS = `INSERT INTO scim_emails (${names(EMAIL_COLUMNS)})
  SELECT ${names(EMAIL_COLUMNS)} FROM jsonb_to_recordset($1::jsonb) AS e(${recordType(EMAIL_COLUMNS)})`;

const TOUCH_RESOURCES = `UPDATE scim_resources r SET version = t.version, last_modified = t.last_modified
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS t(tenant, resource_type, id, version, last_modified)
  WHERE r.tenant = t.tenant AND r.resource_type = t.resource_type AND r.id = t.id`;

const deleteByKeys = (table: string) => `DELETE FROM ${table} x
  USING unnest($1::text[], $2::text[], $3::text[]) AS k(tenant, resource_type, id)
  WHERE x.tenant = k.tenant AND x.resource_type = k.resource_type AND x.id = k.id`;

/** Writes every resource change of a plan (resource rows and their email rows). */
export async function writePostgresResources(s: PostgresStatements, client: PoolClient, writes: ResourceWrite[]): Promise<void> {
  const upserts = writes.filter((w): w is Upsert => w.kind === 'upsert');
  const touches = writes.filter((w): w is Touch => w.kind === 'touch');
  const deletes = writes.filter((w) => w.kind === 'delete');
  const planned = upserts.map((write) => ({ write, ...upsertRows(write) }));
  // An upsert replaces the resource's email rows when it is new or they changed; a delete removes them.
  const newEmails = planned.filter(({ changed }) => !changed || changed.emails);
  const emailOwners = [...newEmails.map(({ write }) => write), ...deletes];
  if (emailOwners.length > 0) await s.query(client, deleteByKeys('scim_emails'), keyArrays(emailOwners), true);
  if (deletes.length > 0) await s.query(client, deleteByKeys('scim_resources'), keyArrays(deletes), true);
  if (planned.length > 0) await s.query(client, UPSERT_RESOURCES, [JSON.stringify(planned.map(({ rows }) => rows.resource))], true);
  const emails = newEmails.flatMap(({ rows }) => rows.emails);
  if (emails.length > 0) await s.query(client, INSERT_EMAILS, [JSON.stringify(emails)], true);
  if (touches.length > 0) {
    await s.query(client, TOUCH_RESOURCES, [...keyArrays(touches), touches.map((t) => t.version), touches.map((t) => t.lastModified)], true);
  }
}

function keyArrays(writes: Keyed[]): string[][] {
  return [writes.map((w) => w.key.tenant), writes.map((w) => w.key.resourceType), writes.map((w) => w.key.id)];
}
