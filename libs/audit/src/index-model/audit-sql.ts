// The audit index's SQL, shared by SQLite and PostgreSQL: the same table, the same queries, written with
// `?` placeholders (the PostgreSQL adapter numbers them). Times are ISO-8601 UTC text with milliseconds, so
// text order is time order in both databases.
import type { AuditListQuery, AuditPageRequest, AuditResourceKey } from './audit-index.port';
import type { AuditRecord } from './audit-record';
import { positionToString, type Position } from '@scim-hub/event-store';

/** A statement and its parameters. */
export interface AuditStatement {
  sql: string;
  params: unknown[];
}

/** Table and indexes (by resource, actor, request id, tenant + time); `bigint` is INTEGER affinity in SQLite. */
export const AUDIT_DDL = [
  `CREATE TABLE IF NOT EXISTS audit_events (
    pos_commit BIGINT NOT NULL, pos_prepare BIGINT NOT NULL,
    tenant TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
    stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_type TEXT NOT NULL, event_id TEXT NOT NULL,
    time TEXT NOT NULL, actor TEXT, request_id TEXT, client_address TEXT, user_agent TEXT,
    PRIMARY KEY (pos_commit, pos_prepare))`,
  'CREATE INDEX IF NOT EXISTS audit_events_resource ON audit_events (tenant, resource_type, resource_id, pos_commit, pos_prepare)',
  'CREATE INDEX IF NOT EXISTS audit_events_actor ON audit_events (actor, time)',
  'CREATE INDEX IF NOT EXISTS audit_events_request ON audit_events (request_id)',
  'CREATE INDEX IF NOT EXISTS audit_events_tenant_time ON audit_events (tenant, time)',
  'CREATE TABLE IF NOT EXISTS audit_checkpoint (name TEXT PRIMARY KEY, position TEXT)',
];

/** The columns of an audit row, in the order insertRecord binds them. */
export const AUDIT_EVENT_COLUMNS = `pos_commit, pos_prepare, tenant, resource_type, resource_id, stream_id, revision, event_type, event_id, time,
  actor, request_id, client_address, user_agent`;

/** Inserts one record; a record already there (re-delivery) is left alone. */
export function insertRecord(record: AuditRecord): AuditStatement {
  return {
    sql: `INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    params: [
      record.position.commit.toString(),
      record.position.prepare.toString(),
      record.tenant,
      record.resourceType,
      record.resourceId,
      record.streamId,
      record.revision,
      record.eventType,
      record.eventId,
      record.time,
      record.actor ?? null,
      record.requestId ?? null,
      record.clientAddress ?? null,
      record.userAgent ?? null,
    ],
  };
}

const ORDER = 'ORDER BY pos_commit, pos_prepare';

/** The count and page statements of a filtered query. */
export interface PagedStatements {
  count: AuditStatement;
  page: AuditStatement;
}

function paged(where: string[], params: unknown[], page: AuditPageRequest): PagedStatements {
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return {
    count: { sql: `SELECT COUNT(*) AS n FROM audit_events ${clause}`, params },
    page: {
      // LIMIT +?: a bare bound LIMIT makes SQLite prepare the statement again at every run (docs/performance-history.md, round 5).
      sql: `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events ${clause} ${ORDER} LIMIT +? OFFSET ?`,
      params: [...params, page.count, Math.max(0, page.startIndex - 1)],
    },
  };
}

/** One resource's records (its stream and its erasure record). */
export function historyStatements(key: AuditResourceKey, page: AuditPageRequest): PagedStatements {
  return paged(['tenant = ?', 'resource_type = ?', 'resource_id = ?'], [key.tenant, key.resourceType, key.id], page);
}

/** Every record of one request. */
export function requestStatement(requestId: string): AuditStatement {
  return { sql: `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE request_id = ? ${ORDER}`, params: [requestId] };
}

const RESOURCE_TYPES = new Set(['User', 'Group']);

/** Changes over time with the optional filters of AuditListQuery. */
export function listStatements(query: AuditListQuery): PagedStatements {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => (where.push(condition), params.push(value));
  if (query.tenant !== undefined) add('tenant = ?', query.tenant);
  if (query.actor !== undefined) add('actor = ?', query.actor);
  if (query.since !== undefined) add('time >= ?', query.since);
  if (query.until !== undefined) add('time < ?', query.until);
  if (query.type !== undefined) add(RESOURCE_TYPES.has(query.type) ? 'resource_type = ?' : 'event_type = ?', query.type);
  return paged(where, params, query);
}

/** Row → record; SQLite returns integers, PostgreSQL int8 as strings. */
export function recordOfRow(row: Record<string, unknown>): AuditRecord {
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
  const record: AuditRecord = {
    tenant: String(row['tenant']),
    resourceType: row['resource_type'] as AuditRecord['resourceType'],
    resourceId: String(row['resource_id']),
    streamId: String(row['stream_id']),
    revision: Number(row['revision']),
    eventType: String(row['event_type']),
    eventId: String(row['event_id']),
    time: String(row['time']),
    position: { commit: BigInt(row['pos_commit'] as string), prepare: BigInt(row['pos_prepare'] as string) },
  };
  for (const [field, column] of [['actor', 'actor'], ['requestId', 'request_id'], ['clientAddress', 'client_address'], ['userAgent', 'user_agent']] as const) {
    const value = optional(row[column]);
    if (value !== undefined) record[field] = value;
  }
  return record;
}

/**
 * Rows after `to` (every row when undefined) go and the checkpoint moves back to `to`, so that a replay applies
 * those events again (rows are keyed by log position: applying one twice changes nothing).
 */
export function rewindStatements(name: string, to: Position | undefined): AuditStatement[] {
  const checkpoint = { sql: 'UPDATE audit_checkpoint SET position = ? WHERE name = ?', params: [to ? positionToString(to) : null, name] };
  if (!to) return [{ sql: 'DELETE FROM audit_events', params: [] }, checkpoint];
  const [commit, prepare] = [to.commit.toString(), to.prepare.toString()];
  return [{ sql: 'DELETE FROM audit_events WHERE pos_commit > ? OR (pos_commit = ? AND pos_prepare > ?)', params: [commit, commit, prepare] }, checkpoint];
}
