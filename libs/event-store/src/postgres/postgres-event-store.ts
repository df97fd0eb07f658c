import pg from 'pg';
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
import { validateAppendMulti } from '../internal/append-rules';
import { CatchUpSubscription } from '../internal/catch-up-subscription';
import { LogTail } from '../internal/log-tail';
import { readAllLimit, revisionRange } from '../internal/read-rules';
import { appendInTransaction } from './postgres-append';
import { translatePostgresError } from './postgres-errors';
import { PostgresListener } from './postgres-listener';
import { PostgresNotifier } from './postgres-notifier';
import { type LogReadRow, readLogPage } from './postgres-log-reader';
import { EVENT_COLUMNS, type PostgresEventRow, toRecordedEvent } from './postgres-rows';
import { migratePostgresEventStore, type PostgresTables, postgresTables } from './postgres-schema';
import { preparedName, surviveConnectionLoss } from '@scim-hub/platform/postgres';

const NOTIFY_SQL = 'SELECT pg_notify($1, $2)';

/** Options of `openPostgresEventStore`. */
export interface PostgresEventStoreOptions {
  connectionString: string;
  /** PostgreSQL schema holding the store's tables (created if absent); default `scim_hub`. */
  schema?: string;
  /** Connections in the pool for appends and reads (default 10); subscriptions read the log on one more of their own. */
  poolSize?: number;
  /** Safety-net poll of subscriptions; NOTIFY normally wakes them at once. */
  pollIntervalMs?: number;
}

/**
 * The PostgreSQL event store: appends are single transactions with per-stream advisory locks (see
 * postgres-append.ts), the global log is ordered by (transaction id, sequence) and read only below the oldest
 * running transaction, and subscriptions are woken by LISTEN/NOTIFY (sent after the commit, coalesced: see
 * postgres-notifier.ts) with a polling fallback.
 */
export class PostgresEventStore implements EventStore {
  readonly capabilities = { atomicMultiStreamAppend: true };
  readonly checkpoints: CheckpointStore;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly listener: PostgresListener;
  private readonly notifier: PostgresNotifier;
  private readonly tail = new LogTail((after, limit, prefixes) => this.readPage(after, limit, prefixes, this.logPool));
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logPool: pg.Pool,
    private readonly tables: PostgresTables,
    connectionString: string,
    private readonly pollIntervalMs: number,
  ) {
    this.listener = new PostgresListener(connectionString, tables.channel);
    this.notifier = new PostgresNotifier((payload) => this.pool.query({ text: NOTIFY_SQL, values: [tables.channel, payload], name: preparedName(NOTIFY_SQL) }));
    this.checkpoints = {
      load: (id) => this.loadCheckpoint(id),
      store: (id, position) => this.storeCheckpoint(id, position),
    };
  }

  async appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    const [result] = await this.appendMulti([{ streamId, expectedRevision, events }]);
    return result;
  }

  async appendMulti(requests: AppendRequest[], conditions: StreamCondition[] = []): Promise<AppendResult[]> {
    validateAppendMulti(requests, conditions);
    if (requests.length === 0) return [];
    const results = await this.withClient((client) => appendInTransaction(client, this.tables, requests, conditions));
    const head = results[results.length - 1].position;
    this.listener.emit(head);
    this.notifier.announce(head);
    return results;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { low, high, backwards, limit } = revisionRange(options);
    const rows = await this.query<PostgresEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.tables.events}
       WHERE stream_id = $1 AND revision BETWEEN $2 AND $3 ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $4`,
      [streamId, low, high, limit],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = readAllLimit(options.maxCount);
    const page = await this.readPage(options.after, limit, options.streamPrefixes);
    return page.events;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const source = {
      readPage: (after: Position | undefined, limit: number, prefixes: string[] | undefined) => this.tail.readPage(after, limit, prefixes),
      onAppend: (listener: (position?: Position) => void) =>
        this.listener.add((position) => {
          this.tail.heard(position);
          listener(position);
        }),
      pollIntervalMs: this.pollIntervalMs,
    };
    const subscription = new CatchUpSubscription(source, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener.stop();
    await this.notifier.flush();
    await Promise.all([this.pool.end(), this.logPool.end()]);
  }

  private readPage(after: Position | undefined, limit: number, prefixes: string[] | undefined, pool = this.pool) {
    return readLogPage((sql, params) => this.query<LogReadRow>(sql, params, pool), this.tables, after, limit, prefixes);
  }

  private async loadCheckpoint(id: string): Promise<Position | undefined> {
    const rows = await this.query<{ commit_position: string; prepare_position: string }>(
      `SELECT commit_position, prepare_position FROM ${this.tables.checkpoints} WHERE subscriber_id = $1`,
      [id],
    );
    return rows[0] && { commit: BigInt(rows[0].commit_position), prepare: BigInt(rows[0].prepare_position) };
  }

  private async storeCheckpoint(id: string, position: Position): Promise<void> {
    await this.query(
      `INSERT INTO ${this.tables.checkpoints} (subscriber_id, commit_position, prepare_position) VALUES ($1, $2, $3)
       ON CONFLICT (subscriber_id) DO UPDATE
       SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated_at = now()`,
      [id, position.commit.toString(), position.prepare.toString()],
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('event store is closed');
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], pool = this.pool): Promise<R[]> {
    this.assertOpen();
    try {
      // Every text sent here is static (this store's tables, a few variants), so each is prepared once per connection.
      return (await pool.query<R>({ text: sql, values: params, name: preparedName(sql) })).rows;
    } catch (error) {
      throw translatePostgresError(error);
    }
  }

  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      return await work(client);
    } catch (error) {
      throw translatePostgresError(error);
    } finally {
      client?.release();
    }
  }
}

/** Opens the PostgreSQL event store, creating or migrating its schema first. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const tables = postgresTables(options.schema ?? 'scim_hub');
  const pool = openPool(options.connectionString, options.poolSize ?? 10);
  // Subscriptions read the log on a connection of their own: a projector whose page reads queued behind
  // appends and stream reads would delay every writer waiting for it (read-your-writes).
  const logPool = openPool(options.connectionString, 1);
  try {
    const client = await pool.connect();
    try {
      await migratePostgresEventStore(client, tables);
    } finally {
      client.release();
    }
  } catch (error) {
    await Promise.all([pool.end(), logPool.end()]).catch(() => undefined);
    throw translatePostgresError(error);
  }
  return new PostgresEventStore(pool, logPool, tables, options.connectionString, options.pollIntervalMs ?? 1000);
}

function openPool(connectionString: string, max: number): pg.Pool {
  return surviveConnectionLoss(new pg.Pool({ connectionString, max }));
}
