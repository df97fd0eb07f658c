import type { PoolClient } from 'pg';
import { StreamRevisionConflict } from '../event-store.errors';
import type { AppendRequest, AppendResult } from '../event-store.port';
import { couldBeRetry, decideAppend } from '../internal/append-rules';
import { positionToString } from '../position';
import { isRevisionTaken } from './postgres-errors';
import { rowPosition } from './postgres-rows';
import { advisoryLockKey, type PostgresTables } from './postgres-schema';

interface PositionRow {
  transaction_id: string;
  global_position: string;
}

/**
 * Appends all requests in one transaction on `client` and returns their results; throws StreamRevisionConflict
 * (nothing written) when any expectation fails.
 *
 * Each stream is locked with a transaction-scoped advisory lock BEFORE the transaction writes anything. That
 * order matters: the transaction id (the log's primary sort key) is assigned at the first write, so it is
 * assigned while holding every stream lock, and a later writer of the same stream — which must wait for that
 * lock — always gets a larger transaction id. Per-stream revision order and global log order therefore agree,
 * also for multi-stream appends (a row lock on a streams table would assign the id before waiting on the
 * second stream and could invert them). Keys are locked in ascending order, so appenders cannot deadlock.
 */
export async function appendInTransaction(
  client: PoolClient,
  tables: PostgresTables,
  requests: AppendRequest[],
): Promise<AppendResult[]> {
  const keys = [...new Set(requests.map((r) => advisoryLockKey(tables.schema, r.streamId)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  // Keys are bigints we computed, so inlining them is safe; it saves a round trip per append.
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[${keys.join(',')}]::bigint[]) AS k`);
  try {
    const results: AppendResult[] = [];
    for (const request of requests) results.push(await appendOne(client, tables, request));
    const head = positionToString(results[results.length - 1].position);
    // NOTIFY is delivered at commit, so listeners never hear of an append that rolled back.
    await client.query(`SELECT pg_notify('${tables.channel}', '${head}'); COMMIT`);
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function appendOne(client: PoolClient, tables: PostgresTables, request: AppendRequest): Promise<AppendResult> {
  const { streamId, expectedRevision, events } = request;
  const { rows } = await client.query<{ current: string | null; retry_from: string | null }>(
    `SELECT (SELECT max(revision) FROM ${tables.events} WHERE stream_id = $1) AS current,
            (SELECT min(revision) FROM ${tables.events} WHERE stream_id = $1 AND event_id = $2) AS retry_from`,
    [streamId, events[0].id],
  );
  const current = rows[0].current === null ? -1 : Number(rows[0].current);
  const retryFrom = rows[0].retry_from === null ? undefined : Number(rows[0].retry_from);
  let recordedIds: string[] = [];
  if (retryFrom !== undefined && couldBeRetry(expectedRevision, retryFrom)) {
    const found = await client.query<{ event_id: string }>(
      `SELECT event_id FROM ${tables.events} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, retryFrom, events.length],
    );
    recordedIds = found.rows.map((r) => r.event_id);
  }
  const decision = decideAppend(streamId, expectedRevision, events, { current, retryFrom, idsFrom: () => recordedIds });
  if (decision.kind === 'retry') {
    const found = await client.query<PositionRow>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM ${tables.events} WHERE stream_id = $1 AND revision = $2`,
      [streamId, decision.lastRevision],
    );
    return { streamId, nextExpectedRevision: decision.lastRevision, position: rowPosition(found.rows[0]) };
  }
  return insertEvents(client, tables, request, decision.firstRevision, current);
}

async function insertEvents(
  client: PoolClient,
  tables: PostgresTables,
  request: AppendRequest,
  firstRevision: number,
  current: number,
): Promise<AppendResult> {
  const { streamId, expectedRevision, events } = request;
  const docs = events.map((e) => ({ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata }));
  try {
    const { rows } = await client.query<PositionRow>(
      `INSERT INTO ${tables.events} (stream_id, revision, event_id, type, schema_version, data, metadata)
       SELECT $1, $2 + e.ord - 1, e.doc->>'id', e.doc->>'type', (e.doc->>'schemaVersion')::integer, e.doc->'data', e.doc->'metadata'
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(doc, ord)
       ORDER BY e.ord
       RETURNING transaction_id::text AS transaction_id, global_position`,
      [streamId, firstRevision, JSON.stringify(docs)],
    );
    const last = rows.reduce((a, b) => (BigInt(a.global_position) > BigInt(b.global_position) ? a : b));
    return { streamId, nextExpectedRevision: firstRevision + events.length - 1, position: rowPosition(last) };
  } catch (error) {
    // Only a writer that bypassed the advisory lock can get here; report it as the conflict it is.
    if (isRevisionTaken(error)) throw new StreamRevisionConflict(streamId, expectedRevision, Math.max(current, firstRevision));
    throw error;
  }
}
