// SQL texts of the append's two round trips. They are sent with the simple query protocol, several statements
// per message, which takes no parameters: every value is written as a literal (sqlLiteral: pg's own quoting, correct
// whatever standard_conforming_strings says).
import { sqlLiteral } from '@scim-hub/platform/postgres';
import type { AppendRequest, StreamCondition } from '../event-store.port';
import type { PostgresTables } from './postgres-schema';

/** One stream's state read under its lock: last revision, and where its first new event id already sits. */
export interface StateRow {
  current: string | null;
  retry_from: string | null;
}

/** A row the insert returns. */
export interface InsertedRow {
  stream_id: string;
  transaction_id: string;
  global_position: string;
}

/** A row the one-message append returns: also the revision it gave the event. */
export interface ExpectedInsertRow extends InsertedRow {
  revision: string;
}

/** One stream's new events and the revision the first of them takes. */
export interface PlannedInsert {
  request: AppendRequest;
  firstRevision: number;
}

// An expectation as two SQL values: its kind, and the revision when it names one.
const expectation = (expected: AppendRequest['expectedRevision']) =>
  typeof expected === 'number' ? `'revision', ${expected}::bigint` : `${sqlLiteral(expected)}, NULL::bigint`;

/**
 * BEGIN, the advisory locks in ascending key order, then one statement reading every stream's state, in request
 * order, and (with conditions) one reading each condition stream's last revision. The state statements come after
 * the lock statement, so their snapshots (READ COMMITTED: one per statement) see every append that held one of
 * these locks before us.
 */
export function lockAndReadStatesSql(tables: PostgresTables, keys: bigint[], requests: AppendRequest[], conditions: StreamCondition[] = []): string {
  const streams = requests.map((r, i) => `(${i}, ${sqlLiteral(r.streamId)}, ${sqlLiteral(r.events[0].id)})`).join(', ');
  const conditionStreams = conditions.map((c, i) => `(${i}, ${sqlLiteral(c.streamId)})`).join(', ');
  const conditionStates = conditions.length === 0 ? '' : `;
    SELECT (SELECT max(revision) FROM ${tables.events} WHERE stream_id = c.stream_id) AS current
    FROM (VALUES ${conditionStreams}) AS c(ord, stream_id) ORDER BY c.ord`;
  return `BEGIN;
    SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[${keys.join(',')}]::bigint[]) AS k;
    SELECT (SELECT max(revision) FROM ${tables.events} WHERE stream_id = s.stream_id) AS current,
           (SELECT min(revision) FROM ${tables.events} WHERE stream_id = s.stream_id AND event_id = s.first_id) AS retry_from
    FROM (VALUES ${streams}) AS s(ord, stream_id, first_id) ORDER BY s.ord${conditionStates}`;
}

/**
 * The whole append in one message, for the usual case: BEGIN, the locks, then one INSERT that reads every stream's
 * state under them (its snapshot is taken after the lock statement, as in lockAndReadStatesSql) and writes the events
 * from the next revisions only if every expectation holds and no stream holds its first event id yet, then COMMIT.
 * It returns no rows when anything else is the case (a conflict, or an idempotent retry); the caller then rolls
 * nothing back (the transaction wrote nothing) and decides the append on its two round trips, which tell the cases apart.
 */
export function insertIfExpectedSql(tables: PostgresTables, keys: bigint[], requests: AppendRequest[], conditions: StreamCondition[] = []): string {
  const streams = [
    ...requests.map((r) => `(${sqlLiteral(r.streamId)}, ${sqlLiteral(r.events[0].id)}, ${expectation(r.expectedRevision)})`),
    ...conditions.map((c) => `(${sqlLiteral(c.streamId)}, NULL, ${expectation(c.expectedRevision)})`),
  ].join(', ');
  const rows = requests.flatMap((request) =>
    request.events.map((e, i) => ({
      stream_id: request.streamId,
      idx: i,
      event_id: e.id,
      type: e.type,
      schema_version: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
    })),
  );
  return `BEGIN;
    SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[${keys.join(',')}]::bigint[]) AS k;
    WITH s AS (
      SELECT v.stream_id, v.first_id, v.expected, v.revision,
             (SELECT max(revision) FROM ${tables.events} WHERE stream_id = v.stream_id) AS current
      FROM (VALUES ${streams}) AS v(stream_id, first_id, expected, revision)
    ), ok AS (
      SELECT bool_and(
        CASE s.expected WHEN 'any' THEN true WHEN 'no_stream' THEN s.current IS NULL WHEN 'stream_exists' THEN s.current IS NOT NULL
          ELSE coalesce(s.current, -1) = s.revision END
        AND NOT EXISTS (SELECT 1 FROM ${tables.events} x WHERE x.stream_id = s.stream_id AND x.event_id = s.first_id)) AS ok
      FROM s
    )
    INSERT INTO ${tables.events} (stream_id, revision, event_id, type, schema_version, data, metadata)
    SELECT e.stream_id, coalesce(s.current, -1) + 1 + e.idx, e.event_id, e.type, e.schema_version, e.data, e.metadata
    FROM jsonb_array_elements(${sqlLiteral(JSON.stringify(rows))}::jsonb) WITH ORDINALITY AS a(doc, ord)
    CROSS JOIN LATERAL jsonb_to_record(a.doc)
      AS e(stream_id text, idx bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb)
    JOIN s ON s.stream_id = e.stream_id
    WHERE (SELECT ok FROM ok)
    ORDER BY a.ord
    RETURNING stream_id, revision, transaction_id::text AS transaction_id, global_position;
    COMMIT`;
}

/**
 * Every stream's events in one INSERT, in request order and event order (the sequence hands out global
 * positions in that order), then COMMIT — in one message, so the transaction id this INSERT takes is never
 * held open across a client round trip. Returns each row's stream and position.
 */
export function insertAndCommitSql(tables: PostgresTables, inserts: PlannedInsert[]): string {
  const rows = inserts.flatMap(({ request, firstRevision }) =>
    request.events.map((e, i) => ({
      stream_id: request.streamId,
      revision: firstRevision + i,
      event_id: e.id,
      type: e.type,
      schema_version: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
    })),
  );
  return `INSERT INTO ${tables.events} (stream_id, revision, event_id, type, schema_version, data, metadata)
    SELECT e.stream_id, e.revision, e.event_id, e.type, e.schema_version, e.data, e.metadata
    FROM jsonb_array_elements(${sqlLiteral(JSON.stringify(rows))}::jsonb) WITH ORDINALITY AS a(doc, ord)
    CROSS JOIN LATERAL jsonb_to_record(a.doc)
      AS e(stream_id text, revision bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb)
    ORDER BY a.ord
    RETURNING stream_id, transaction_id::text AS transaction_id, global_position;
    COMMIT`;
}
