import type Database from 'better-sqlite3';
import { EventStoreUnavailable } from '../event-store.errors';
import type {
  AppendRequest,
  AppendResult,
  CheckpointStore,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamCondition,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { assertExpectedRevision, decideAppend, validateAppendMulti } from '../internal/append-rules';
import { CatchUpSubscription, type CommittedPage, type LogPage } from '../internal/catch-up-subscription';
import { readAllLimit, revisionRange } from '../internal/read-rules';
import { positionFromString, positionToString } from '../position';
import { translateSqliteError } from './sqlite-errors';
import { EVENT_COLUMNS, type SqliteEventRow, toInsertParams, toRecordedEvent } from './sqlite-rows';
import { openSqliteEventStoreDatabase, type SqliteSynchronous } from './sqlite-schema';
import { WalSyncer, type SyncFile } from './wal-syncer';

/** Options of `openSqliteEventStore`. */
export interface SqliteEventStoreOptions {
  /** Path of the database file (created if absent); WAL adds `-wal` and `-shm` beside it. */
  file: string;
  /** See SqliteSynchronous: FULL (default) survives power loss, NORMAL only process crashes. */
  synchronous?: SqliteSynchronous;
  /** Test seam: how FULL makes the WAL durable (default: fsync in the thread pool). */
  syncFile?: SyncFile;
  /** How often subscriptions look for appends made by other processes; in-process appends wake them at once. */
  pollIntervalMs?: number;
}

type Statement = Database.Statement<unknown[], unknown>;

/**
 * The embedded event store: one SQLite file in WAL mode, written through one better-sqlite3 connection.
 * Every append (also multi-stream) is one IMMEDIATE transaction, so it is atomic and serialized with other
 * processes. With a WalSyncer (synchronous FULL) an append is acknowledged, and shown to subscriptions and
 * readAll, only once its commit is fsynced — off the event loop, so requests keep being served meanwhile.
 */
export class SqliteEventStore implements EventStore {
  readonly capabilities = { atomicMultiStreamAppend: true };
  readonly checkpoints: CheckpointStore;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly readAllStatements = new Map<number, Statement>();
  private readonly listeners = new Set<(position?: Position, committed?: CommittedPage) => void>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pending: {
    requests: AppendRequest[];
    conditions: StreamCondition[];
    resolve(results: AppendResult[]): void;
    reject(error: unknown): void;
  }[] = [];
  /** First position of each committed batch whose fsync has not completed, in commit order (so ascending):
   * nothing from the first of them on is shown. */
  private readonly unsynced: number[] = [];
  private failure?: EventStoreUnavailable;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly syncer?: WalSyncer,
  ) {
    this.statements = prepareStatements(db);
    this.checkpoints = {
      load: async (id) => this.run(() => this.loadCheckpoint(id)),
      store: async (id, position) =>
        this.run(() => {
          this.statements.storeCheckpoint.run(id, positionToString(position), new Date().toISOString());
        }),
    };
  }

  async appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    const [result] = await this.appendMulti([{ streamId, expectedRevision, events }]);
    return result;
  }

  async appendMulti(requests: AppendRequest[], conditions: StreamCondition[] = []): Promise<AppendResult[]> {
    validateAppendMulti(requests, conditions);
    if (requests.length === 0) return [];
    this.run(() => undefined);
    return new Promise((resolve, reject) => {
      this.pending.push({ requests, conditions, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flushAfterSync());
    });
  }

  /**
   * Appends made while the previous batch's fsync runs wait for it: they could not be acknowledged before the
   * next fsync anyway, and written together they take one commit instead of one per turn of the event loop
   * (fewer WAL frames, and fewer wake-ups of the subscriptions).
   */
  private flushAfterSync(): void {
    const syncing = this.syncer?.inFlight();
    if (syncing) void syncing.then(() => this.flush());
    else this.flush();
  }

  /**
   * Group commit: every append queued since the last flush is written in ONE transaction, so with
   * synchronous=FULL concurrent requests share one fsync instead of paying one each. Each append runs in
   * its own savepoint (better-sqlite3 nests transactions that way): a conflict rolls back only that append,
   * and each caller's promise settles only after the commit that made its events durable.
   */
  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const outcomes: ({ ok: AppendResult[] } | { error: unknown })[] = [];
    const rows: SqliteEventRow[] = [];
    let firstNew = 0;
    try {
      this.run(() =>
        this.db
          .transaction(() => {
            firstNew = this.headSequence() + 1;
            for (const { requests, conditions } of batch) {
              const kept = rows.length;
              try {
                outcomes.push({ ok: this.db.transaction(() => this.appendAll(requests, conditions, rows))() });
              } catch (error) {
                rows.length = kept; // rolled back with its savepoint
                outcomes.push({ error: translateSqliteError(error) });
              }
            }
          })
          .immediate(),
      );
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const committed = committedPage(firstNew, rows);
    if (!this.syncer) return this.settle(batch, outcomes, committed);
    this.unsynced.push(firstNew);
    this.syncer.sync().then(
      () => {
        this.unsynced.splice(this.unsynced.indexOf(firstNew), 1);
        this.settle(batch, outcomes, committed);
      },
      (error: unknown) => {
        // The commit may or may not be on disk: stop serving (as PostgreSQL does on a failed fsync) rather
        // than acknowledge or show anything more; a restart recovers whatever the WAL holds.
        this.failure ??= new EventStoreUnavailable('the event store could not fsync its write-ahead log; restart the hub', error);
        for (const item of batch) item.reject(this.failure);
      },
    );
  }

  private settle(batch: typeof this.pending, outcomes: ({ ok: AppendResult[] } | { error: unknown })[], committed?: CommittedPage): void {
    let head: Position | undefined;
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) return item.reject(outcome.error);
      head = outcome.ok[outcome.ok.length - 1].position;
      item.resolve(outcome.ok);
    });
    if (head) for (const listener of this.listeners) listener(head, committed);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { low, high, backwards, limit } = revisionRange(options);
    const statement = backwards ? this.statements.readStreamBackwards : this.statements.readStreamForwards;
    return this.run(() => (statement.all(streamId, low, high, limit) as SqliteEventRow[]).map(toRecordedEvent));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = readAllLimit(options.maxCount);
    return this.run(() => this.selectAll(options.after, limit, options.streamPrefixes));
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.run(() => undefined);
    const source = {
      readPage: async (after: Position | undefined, limit: number, prefixes: string[] | undefined) =>
        this.run(() => this.readPage(after, limit, prefixes)),
      onAppend: (listener: (position?: Position) => void) => {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
      },
      pollIntervalMs: this.pollIntervalMs,
    };
    const subscription = new CatchUpSubscription(source, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) this.flush(); // appends already accepted are written, not dropped
    this.closed = true;
    await this.syncer?.close();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }

  /** Runs a database call, translating driver errors; refuses once closed. */
  private run<T>(work: () => T): T {
    if (this.closed) throw new EventStoreUnavailable('event store is closed');
    if (this.failure) throw this.failure;
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  // One writer at a time (the whole batch is one transaction): a condition read here cannot change before commit.
  private appendAll(requests: AppendRequest[], conditions: StreamCondition[], rows: SqliteEventRow[]): AppendResult[] {
    for (const c of conditions) {
      const state = this.statements.streamState.get({ stream: c.streamId, event: '' }) as { current: number | null };
      assertExpectedRevision(c.streamId, c.expectedRevision, state.current ?? -1);
    }
    return requests.map((r) => this.appendOne(r, rows));
  }

  private appendOne(request: AppendRequest, rows: SqliteEventRow[]): AppendResult {
    const { streamId, expectedRevision, events } = request;
    const s = this.statements;
    const state = s.streamState.get({ stream: streamId, event: events[0].id }) as { current: number | null; retry_from: number | null };
    const decision = decideAppend(streamId, expectedRevision, events, {
      current: state.current ?? -1,
      retryFrom: state.retry_from ?? undefined,
      idsFrom: (from, count) => s.idsFrom.pluck().all(streamId, from, count) as string[],
    });
    if (decision.kind === 'retry') {
      const row = s.positionOf.get(streamId, decision.lastRevision) as { position: number };
      return result(streamId, decision.lastRevision, row.position);
    }
    const recordedAt = new Date().toISOString();
    let position = 0;
    events.forEach((event, i) => {
      const params = toInsertParams(streamId, decision.firstRevision + i, event, recordedAt);
      position = Number(s.insert.run(params).lastInsertRowid);
      rows.push({ ...params, position });
    });
    return result(streamId, decision.firstRevision + events.length - 1, position);
  }

  private selectAll(after: Position | undefined, limit: number, prefixes: string[] | undefined): RecordedEvent[] {
    const count = prefixes?.length ?? 0;
    let statement = this.readAllStatements.get(count);
    if (!statement) {
      // instr(x, p) = 1 ⇔ x starts with p, comparing characters exactly (LIKE would fold case and treat % and _).
      const filter = count === 0 ? '' : `AND (${Array(count).fill('instr(stream_id, ?) = 1').join(' OR ')})`;
      // LIMIT +?: see prepareStatements.
      const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ${filter} ORDER BY position LIMIT +?`;
      statement = this.db.prepare(sql);
      this.readAllStatements.set(count, statement);
    }
    const rows = statement.all(afterSequence(after), this.visibleHead(), ...(prefixes ?? []), limit) as SqliteEventRow[];
    return rows.map(toRecordedEvent);
  }

  private readPage(after: Position | undefined, limit: number, prefixes: string[] | undefined): LogPage {
    // One read transaction: the head is read from the same snapshot as the page.
    return this.db.transaction(() => {
      const events = this.selectAll(after, limit, prefixes);
      if (events.length >= limit) return { events };
      const head = Math.min(this.headSequence(), this.visibleHead());
      return { events, scannedTo: head === 0 ? undefined : sequencePosition(head) };
    })();
  }

  /** The last position subscriptions and readAll may show: before the first commit still waiting for its fsync. */
  private visibleHead(): number {
    return this.unsynced.length === 0 ? Number.MAX_SAFE_INTEGER : this.unsynced[0] - 1;
  }

  private headSequence(): number {
    return (this.statements.head.get() as { head: number | null }).head ?? 0;
  }

  private loadCheckpoint(id: string): Position | undefined {
    const text = this.statements.loadCheckpoint.pluck().get(id) as string | undefined;
    return text === undefined ? undefined : positionFromString(text);
  }
}

// LIMIT +?, not LIMIT ?: SQLite's planner reads a bare bound LIMIT, so every run (which binds it again) would
// prepare the statement again (docs/performance-history.md, round 5).
function prepareStatements(db: Database.Database) {
  const read = (order: 'ASC' | 'DESC') =>
    db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision ${order} LIMIT +?`,
    );
  return {
    // INDEXED BY: left alone, SQLite answers min(revision) by walking the whole stream in revision order.
    streamState: db.prepare(
      `SELECT (SELECT max(revision) FROM events WHERE stream_id = @stream) AS current,
              (SELECT min(revision) FROM events INDEXED BY events_event_id
               WHERE stream_id = @stream AND event_id = @event) AS retry_from`,
    ),
    idsFrom: db.prepare('SELECT event_id FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT +?'),
    positionOf: db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?'),
    insert: db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES (@stream_id, @revision, @event_id, @type, @schema_version, @data, @metadata, @recorded_at)`,
    ),
    readStreamForwards: read('ASC'),
    readStreamBackwards: read('DESC'),
    head: db.prepare('SELECT max(position) AS head FROM events'),
    loadCheckpoint: db.prepare('SELECT position FROM checkpoints WHERE subscriber_id = ?'),
    storeCheckpoint: db.prepare(
      `INSERT INTO checkpoints (subscriber_id, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (subscriber_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  };
}

/** What the subscriptions of this process are handed of a commit: the rows it inserted, after `firstNew - 1`. */
function committedPage(firstNew: number, rows: SqliteEventRow[]): CommittedPage | undefined {
  if (rows.length === 0) return undefined;
  return {
    after: firstNew > 1 ? sequencePosition(firstNew - 1) : undefined,
    last: sequencePosition(rows[rows.length - 1].position),
    events: (keep) => {
      const events: RecordedEvent[] = [];
      for (const row of rows) if (keep({ streamId: row.stream_id, type: row.type })) events.push(toRecordedEvent(row));
      return events;
    },
  };
}

function sequencePosition(sequence: number): Position {
  return { commit: BigInt(sequence), prepare: BigInt(sequence) };
}

// A position from another adapter or a synthetic one still orders correctly: (c, p) is after sequence s
// exactly when c > s, or c = s and p > s; so "after (c, p)" means "sequence > c" unless p < c.
function afterSequence(after: Position | undefined): number {
  if (!after) return 0;
  return Number(after.prepare < after.commit ? after.commit - 1n : after.commit);
}

function result(streamId: string, revision: number, position: number): AppendResult {
  return { streamId, nextExpectedRevision: revision, position: sequencePosition(position) };
}

/** Opens (creating or migrating) the SQLite event store in `file`. */
export async function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<EventStore> {
  let db: Database.Database;
  const durable = (options.synchronous ?? 'FULL') === 'FULL';
  try {
    // FULL is kept by the WalSyncer's fsync off the event loop; SQLite's own FULL would fsync on it.
    db = openSqliteEventStoreDatabase(options.file, 'NORMAL');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventStoreUnavailable(`cannot open SQLite event store ${options.file}: ${reason}`, error);
  }
  const syncer = durable ? new WalSyncer(options.file, options.syncFile) : undefined;
  return new SqliteEventStore(db, options.pollIntervalMs ?? 500, syncer);
}
