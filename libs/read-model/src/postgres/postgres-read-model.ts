// The PostgreSQL read model (scale-out mode): a pg pool whose connections use the configured schema,
// so the same unqualified SQL (and the compiled filters) run in any schema.
import { Pool, type PoolClient } from 'pg';
import { PROJECTION_CHECKPOINT_CHANNEL, positionToString, storedPosition, type Position, type RecordedEvent } from '@scim-hub/event-store';
import type { ShadowProjection } from '@scim-hub/event-store/projections';
import { GROUP, USER } from '@scim-hub/scim';
import type {
  ListQuery,
  ListResult,
  MemberPage,
  MemberPageQuery,
  ReadModel,
  ReadModelResourceType,
  ReadOptions,
  StatementTrace,
  StoredResource,
} from '../read-model.port';
import { planProjection, resourcesToLoad, type CurrentResource } from '../projection/projection.plan';
import { resourceKeyString, type ResourceKey } from '../projection/resource-key';
import { ReadQueries, type ResourceSchemas } from '../query/read-queries';
import { PostgresStatements, translatePgError } from './postgres-statements';
import { changedRows, writePostgresPlan } from './postgres-projection.writer';
import { migratePostgresReadModel } from './postgres-read-model.schema';
import { PostgresStatistics } from './postgres-statistics';
import { companionSchemas, swapPostgresSchemas } from './postgres-schema-swap';
import { inLockedTransaction, inTransaction, sqlLiteral, surviveConnectionLoss } from '@scim-hub/platform/postgres';

/** Options of the PostgreSQL read model. */
export interface PostgresReadModelOptions {
  connectionString: string;
  /** PostgreSQL schema holding the tables (created when missing); letters, digits and `_` only. */
  schema: string;
  /** SCIM schemas filters compile against; defaults to the core User (+ Enterprise) and Group schemas. */
  schemas?: Partial<ResourceSchemas>;
  /** Size of the pool that answers queries; default 10. Projection has a connection of its own besides. */
  maxConnections?: number;
  /** Called after every executed statement (tests prove which tables a read touches; tracing). */
  onStatement?: (trace: StatementTrace) => void;
}

/** Opens (and creates or migrates) a PostgreSQL read model. */
export async function openPostgresReadModel(options: PostgresReadModelOptions): Promise<ReadModel> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid read-model schema name: ${options.schema}`);
  const pool = openPool(options, options.maxConnections ?? 10);
  // Projection never queues behind the queries of concurrent requests: every write waits for it
  // (read-your-writes), so a projector starved of connections would slow every writer.
  // Its statements look rows up by key, the keys bound as arrays whose lengths vary by batch, so PostgreSQL kept
  // choosing custom plans for them and planned each one on every batch; one generic plan per statement serves them all.
  const projectionPool = openPool(options, 1, ' -c plan_cache_mode=force_generic_plan');
  try {
    await migratePostgresReadModel(pool, options.schema);
  } catch (error) {
    await Promise.all([pool.end(), projectionPool.end()]);
    throw translatePgError(error);
  }
  return new PostgresReadModel(pool, projectionPool, options);
}

function openPool(options: PostgresReadModelOptions, max: number, settings = ''): Pool {
  return surviveConnectionLoss(new Pool({ connectionString: options.connectionString, max, options: `-c search_path=${options.schema}${settings}` }));
}

const CHECKPOINT_SQL = "SELECT position FROM scim_read_model_checkpoint WHERE name = 'scim'";
// Serialises projection batches (of projector replicas) and reset: a transaction-scoped advisory lock keyed by the
// schema. Unlike FOR UPDATE on the checkpoint row it takes no transaction id, so a batch holds one only from its first
// write to its commit. That matters: while a transaction with an id is open, the event log hides every later append
// from its readers (see the event store's log reader), so a batch holding one from BEGIN hid the very appends the
// projector and every waiting writer wait for, for four round trips instead of two.
const PROJECTION_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.scim_read_model_checkpoint'))";

type LoadedRow = { tenant: string; resource_type: string; id: string; doc: CurrentResource['doc']; version: unknown; created: unknown; last_modified: unknown };

class PostgresReadModel implements ReadModel {
  private readonly statements: PostgresStatements;
  private readonly queries: ReadQueries;
  private readonly statistics: PostgresStatistics;

  constructor(
    private readonly pool: Pool,
    private readonly projectionPool: Pool,
    private readonly options: PostgresReadModelOptions,
  ) {
    this.statements = new PostgresStatements(options.onStatement);
    // Not on the projection connection: an ANALYZE of a large table would hold up every write for its duration.
    this.statistics = new PostgresStatistics(pool);
    this.statistics.start();
    const schemas = { User: options.schemas?.User ?? USER, Group: options.schemas?.Group ?? GROUP };
    this.queries = new ReadQueries('postgres', (q) => this.statements.query(this.pool, q.sql, q.params), schemas);
  }

  async project(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.statistics.recordChanges(await this.projectInTransaction(events));
    // After the commit, not inside it: a NOTIFY in a transaction serialises commits database-wide. Writers
    // waiting in other processes also poll, so a lost notification only slows them down.
    void this.pool.query('SELECT pg_notify($1, $2)', [PROJECTION_CHECKPOINT_CHANNEL, 'scim']).catch(() => undefined);
  }

  /** A fresh copy in the schema `<schema>_shadow`, filled by a rebuild and then renamed to the live schema. */
  async openShadow(): Promise<ShadowProjection> {
    const { shadow: schema } = companionSchemas(this.options.schema);
    await this.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const shadow = await openPostgresReadModel({ ...this.options, schema, maxConnections: 2 });
    return {
      checkpoint: () => shadow.checkpoint(),
      project: (events) => shadow.project(events),
      swapIn: async () => {
        await this.pool.query(`ANALYZE "${schema}".scim_resources, "${schema}".scim_emails, "${schema}".scim_group_members`);
        await shadow.close();
        await swapPostgresSchemas(this.pool, this.options.schema, schema);
      },
      discard: async () => {
        await shadow.close();
        await this.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  }

  async checkpoint(): Promise<Position | undefined> {
    return this.readCheckpoint(this.pool);
  }

  getResource(tenant: string, resourceType: ReadModelResourceType, id: string, options: ReadOptions): Promise<StoredResource | undefined> {
    return this.queries.getResource(tenant, resourceType, id, options);
  }

  list(tenant: string, resourceType: ReadModelResourceType, query: ListQuery): Promise<ListResult> {
    return this.queries.list(tenant, resourceType, query);
  }

  listMembers(tenant: string, groupId: string, query: MemberPageQuery): Promise<MemberPage> {
    return this.queries.listMembers(tenant, groupId, query);
  }


  async reset(): Promise<void> {
    await this.transaction(async (client) => {
      await this.statements.query(client, PROJECTION_LOCK_SQL, [], true);
      await this.statements.query(client, 'TRUNCATE scim_group_members, scim_emails, scim_resources');
      await this.statements.query(client, "UPDATE scim_read_model_checkpoint SET position = NULL WHERE name = 'scim'");
    });
  }

  async close(): Promise<void> {
    await this.statistics.flush();
    await Promise.all([this.pool, this.projectionPool].map((pool) => (pool.ended ? undefined : pool.end())));
  }

  /**
   * Projects the events after the stored checkpoint in one transaction; returns how many rows that changed. The
   * projection lock and the checkpoint's read travel with BEGIN and the checkpoint's update with COMMIT
   * (inLockedTransaction). The lock serialises projector replicas: the second one waits, then reads the new checkpoint
   * and skips what the first one projected.
   */
  private projectInTransaction(events: RecordedEvent[]): Promise<number> {
    return inLockedTransaction(this.projectionPool, `${PROJECTION_LOCK_SQL}; ${CHECKPOINT_SQL}`, async (client, locked) => {
      const checkpoint = storedPosition(locked[0]?.position);
      const loaded = await this.load(client, resourcesToLoad(events, checkpoint));
      const plan = planProjection(events, checkpoint, loaded);
      if (!plan.checkpoint) return { result: 0 };
      await writePostgresPlan(this.statements, client, plan);
      const finish = `UPDATE scim_read_model_checkpoint SET position = ${sqlLiteral(positionToString(plan.checkpoint))} WHERE name = 'scim'`;
      return { result: changedRows(plan), finish };
    }).catch((error: unknown) => Promise.reject(translatePgError(error)));
  }

  private async load(client: PoolClient, keys: ResourceKey[]): Promise<Map<string, CurrentResource>> {
    const loaded = new Map<string, CurrentResource>();
    if (keys.length === 0) return loaded;
    const rows = await this.statements.query<LoadedRow>(
      client,
      `SELECT r.tenant, r.resource_type, r.id, r.doc, r.version, r.created, r.last_modified FROM scim_resources r
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(tenant, resource_type, id)
         ON r.tenant = k.tenant AND r.resource_type = k.resource_type AND r.id = k.id`,
      [keys.map((k) => k.tenant), keys.map((k) => k.resourceType), keys.map((k) => k.id)],
      true,
    );
    for (const row of rows) {
      const key = { tenant: row.tenant, resourceType: row.resource_type as ReadModelResourceType, id: row.id };
      loaded.set(resourceKeyString(key), {
        doc: typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc,
        version: Number(row.version),
        created: row.created instanceof Date ? row.created.toISOString() : String(row.created),
        lastModified: row.last_modified instanceof Date ? row.last_modified.toISOString() : String(row.last_modified),
      });
    }
    return loaded;
  }

  private async readCheckpoint(on: Pool | PoolClient): Promise<Position | undefined> {
    const [row] = await this.statements.query<{ position: string | null }>(on, CHECKPOINT_SQL, [], true);
    return storedPosition(row?.position);
  }

  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.projectionPool, work).catch((error: unknown) => Promise.reject(translatePgError(error)));
  }
}
