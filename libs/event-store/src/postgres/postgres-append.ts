import type { PoolClient, QueryResult } from 'pg';
import { StreamRevisionConflict } from '../event-store.errors';
import type { AppendRequest, AppendResult, StreamCondition } from '../event-store.port';
import { assertExpectedRevision, couldBeRetry, decideAppend, type AppendDecision } from '../internal/append-rules';
import { isRevisionTaken } from './postgres-errors';
import {
  appendIfExpectedQuery,
  insertAndCommitSql,
  lockAndReadStatesSql,
  type ExpectedInsertRow,
  type InsertedRow,
  type PlannedInsert,
  type StateRow,
} from './postgres-append-sql';
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
 *
 * A condition's stream is locked and read like an appended one, so whoever appends to it is ordered wholly before
 * this append (and seen by the condition) or wholly after it.
 *
 * One round trip when every expectation holds and no event id is already recorded (appendIfExpected: one call of a
 * prepared statement that takes the locks, reads the states and INSERTs conditionally, in a transaction of its own).
 * Otherwise two: (1) BEGIN + locks + every stream's state; decideAppend runs here, in the client; (2) one INSERT of
 * every event + COMMIT. The locks are held across at most one client round trip, the transaction id (which holds
 * back every reader of the log, see postgres-log-reader.ts) across none. Other processes are told of the append after
 * the commit (postgres-notifier.ts).
 */
export async function appendInTransaction(
  client: PoolClient,
  tables: PostgresTables,
  requests: AppendRequest[],
  conditions: StreamCondition[] = [],
): Promise<AppendResult[]> {
  const streamIds = [...requests.map((r) => r.streamId), ...conditions.map((c) => c.streamId)];
  const keys = [...new Set(streamIds.map((id) => advisoryLockKey(tables.schema, id)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  try {
    const appended = await appendIfExpected(client, tables, keys, requests, conditions);
    if (appended) return appended;
    const replies = (await client.query(lockAndReadStatesSql(tables, keys, requests, conditions))) as unknown as QueryResult[];
    const states = replies[2].rows as StateRow[];
    conditions.forEach((c, i) => {
      const current = (replies[3].rows as StateRow[])[i].current;
      assertExpectedRevision(c.streamId, c.expectedRevision, current === null ? -1 : Number(current));
    });
    const results: (AppendResult | PlannedInsert)[] = [];
    for (const [i, request] of requests.entries()) {
      const decision = await decide(client, tables, request, states[i]);
      if (decision.kind === 'append') results.push({ request, firstRevision: decision.firstRevision });
      else results.push(await retryResult(client, tables, request, decision.lastRevision));
    }
    const inserts = results.filter((r): r is PlannedInsert => 'request' in r);
    const inserted = inserts.length > 0 ? await insertAndCommit(client, tables, inserts, states, requests) : await commit(client);
    return results.map((r) => ('request' in r ? appendedResult(r, inserted) : r));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The usual append in one round trip (appendIfExpectedQuery): the events are written when every expectation holds and
 * no stream holds its first event id yet. Undefined when anything else is the case: the transaction wrote nothing,
 * and the two round trips below decide between a conflict and an idempotent retry.
 */
async function appendIfExpected(
  client: PoolClient,
  tables: PostgresTables,
  keys: bigint[],
  requests: AppendRequest[],
  conditions: StreamCondition[],
): Promise<AppendResult[] | undefined> {
  let rows: ExpectedInsertRow[];
  try {
    rows = (await client.query<ExpectedInsertRow>(appendIfExpectedQuery(tables, keys, requests, conditions))).rows;
  } catch (error) {
    // Only a writer that bypassed the advisory lock can take a revision (its transaction is gone with the error);
    // the full path reports the conflict.
    if (!isRevisionTaken(error)) throw error;
    return undefined;
  }
  if (rows.length === 0) return undefined;
  return requests.map(({ streamId }) => {
    const last = lastRowOf(rows, streamId);
    return { streamId, nextExpectedRevision: Number(last.revision), position: rowPosition(last) };
  });
}

/**
 * Applies the append rules to the state read under the lock. A possible idempotent retry (rare: a client
 * repeating an append whose answer it lost) needs the ids recorded from there on: one more read.
 */
async function decide(client: PoolClient, tables: PostgresTables, request: AppendRequest, state: StateRow): Promise<AppendDecision> {
  const { streamId, expectedRevision, events } = request;
  const current = state.current === null ? -1 : Number(state.current);
  const retryFrom = state.retry_from === null ? undefined : Number(state.retry_from);
  let recordedIds: string[] = [];
  if (retryFrom !== undefined && couldBeRetry(expectedRevision, retryFrom)) {
    const found = await client.query<{ event_id: string }>(
      `SELECT event_id FROM ${tables.events} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, retryFrom, events.length],
    );
    recordedIds = found.rows.map((r) => r.event_id);
  }
  return decideAppend(streamId, expectedRevision, events, { current, retryFrom, idsFrom: () => recordedIds });
}

async function insertAndCommit(
  client: PoolClient,
  tables: PostgresTables,
  inserts: PlannedInsert[],
  states: StateRow[],
  requests: AppendRequest[],
): Promise<InsertedRow[]> {
  try {
    const replies = (await client.query(insertAndCommitSql(tables, inserts))) as unknown as QueryResult[];
    return replies[0].rows as InsertedRow[];
  } catch (error) {
    // Only a writer that bypassed the advisory lock can get here; report it as the conflict it is.
    if (isRevisionTaken(error)) throw takenRevisionConflict(error, inserts, states, requests);
    throw error;
  }
}

async function commit(client: PoolClient): Promise<InsertedRow[]> {
  await client.query('COMMIT');
  return [];
}

function appendedResult({ request, firstRevision }: PlannedInsert, inserted: InsertedRow[]): AppendResult {
  const last = lastRowOf(inserted, request.streamId);
  return { streamId: request.streamId, nextExpectedRevision: firstRevision + request.events.length - 1, position: rowPosition(last) };
}

/** The row of a stream's last inserted event (the highest global position). */
function lastRowOf<T extends InsertedRow>(rows: T[], streamId: string): T {
  return rows.filter((row) => row.stream_id === streamId).reduce((a, b) => (BigInt(a.global_position) > BigInt(b.global_position) ? a : b));
}

/** The answer to an idempotent retry: where the events already recorded sit. */
async function retryResult(client: PoolClient, tables: PostgresTables, request: AppendRequest, lastRevision: number): Promise<AppendResult> {
  const found = await client.query<PositionRow>(
    `SELECT transaction_id::text AS transaction_id, global_position FROM ${tables.events} WHERE stream_id = $1 AND revision = $2`,
    [request.streamId, lastRevision],
  );
  return { streamId: request.streamId, nextExpectedRevision: lastRevision, position: rowPosition(found.rows[0]) };
}

function takenRevisionConflict(error: unknown, inserts: PlannedInsert[], states: StateRow[], requests: AppendRequest[]): StreamRevisionConflict {
  const detail = String((error as { detail?: unknown }).detail ?? '');
  const taken = inserts.find(({ request }) => detail.includes(`(${request.streamId},`)) ?? inserts[0];
  const state = states[requests.indexOf(taken.request)];
  const current = state.current === null ? -1 : Number(state.current);
  return new StreamRevisionConflict(taken.request.streamId, taken.request.expectedRevision, Math.max(current, taken.firstRevision));
}
