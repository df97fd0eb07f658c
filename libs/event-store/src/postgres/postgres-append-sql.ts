// SQL of the append. The usual append is one call of a prepared statement (appendIfExpectedQuery). The other two
// round trips are sent with the simple query protocol, several statements per message, which takes no parameters:
// every value is written as a literal (sqlLiteral: pg's own quoting, correct whatever standard_conforming_strings says).
import type { QueryConfig } from 'pg';
import { preparedName, sqlLiteral } from '@scim-hub/platform/postgres';
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
 * The whole append in one round trip, for the usual case: one call of the schema's `append_if_expected` function
 * (postgres-schema.ts), a prepared statement with the values as parameters, in a transaction of its own. It takes the
 * locks, then one INSERT reads every stream's state under them (its snapshot is taken after the locks, as in
 * lockAndReadStatesSql) and writes the events from the next revisions only if every expectation holds and no stream
 * holds its first event id yet. It returns no rows when anything else is the case (a conflict, or an idempotent
 * retry); the transaction then wrote nothing, and the caller decides the append on its two round trips, which tell
 * the cases apart.
 */
export function appendIfExpectedQuery(tables: PostgresTables, keys: bigint[], requests: AppendRequest[], conditions: StreamCondition[] = []): QueryConfig {
  // An expectation is bound as its kind and, when it names one, its revision.
  const stream = (streamId: string, firstId: string | null, expected: AppendRequest['expectedRevision']) =>
    typeof expected === 'number' ? { streamId, firstId, kind: 'revision', revision: expected } : { streamId, firstId, kind: expected, revision: null };
  const streams = [
    ...requests.map((r) => stream(r.streamId, r.events[0].id, r.expectedRevision)),
    ...conditions.map((c) => stream(c.streamId, null, c.expectedRevision)),
  ];
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
  const text = `SELECT appended_stream AS stream_id, appended_revision::text AS revision, appended_transaction AS transaction_id,
    appended_position::text AS global_position FROM "${tables.schema}".append_if_expected($1, $2, $3, $4, $5, $6)`;
  return {
    name: preparedName(text),
    text,
    values: [
      keys.map(String),
      streams.map((s) => s.streamId),
      streams.map((s) => s.firstId),
      streams.map((s) => s.kind),
      streams.map((s) => s.revision),
      JSON.stringify(rows),
    ],
  };
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
