// The SQLite read model (embedded mode): one better-sqlite3 connection in WAL mode, in its own file
// (the hub keeps the event store and the read model apart, so a rebuild never touches the log).
import Database from 'better-sqlite3';
import { positionToString, storedPosition, type Position, type RecordedEvent } from '@scim-hub/event-store';
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
import { resourceKeyString } from '../projection/resource-key';
import { ReadQueries, type ResourceSchemas } from '../query/read-queries';
import { SQLITE_READ_MODEL_DDL, registerSqliteFunctions } from '../sql';
import { translatingSqlite } from './sqlite-errors';
import { SqliteStatements } from './sqlite-statements';
import { writeSqlitePlan } from './sqlite-projection.writer';
import { removeDatabaseFiles, swapSqliteFile, syncFile } from './sqlite-shadow-swap';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache, setSqliteWalAutocheckpoint } from '@scim-hub/platform/sqlite';

/** Options of the SQLite read model. */
export interface SqliteReadModelOptions {
  /** Path of the database file (created when missing). */
  file: string;
  /** SCIM schemas filters compile against; defaults to the core User (+ Enterprise) and Group schemas. */
  schemas?: Partial<ResourceSchemas>;
  /** Called after every executed statement (tests prove which tables a read touches; tracing). */
  onStatement?: (trace: StatementTrace) => void;
}

const CHECKPOINT_DDL = [
  'CREATE TABLE IF NOT EXISTS scim_read_model_checkpoint (name TEXT PRIMARY KEY, position TEXT)',
  "INSERT INTO scim_read_model_checkpoint (name, position) VALUES ('scim', NULL) ON CONFLICT DO NOTHING",
];

// 64 MiB while a rebuild runs (the live copy: SQLITE_PAGE_CACHE_KIB.readModel).
const SHADOW_CACHE_KIB = 65_536;

/** Opens (and creates or migrates) a SQLite read model. */
export async function openSqliteReadModel(options: SqliteReadModelOptions): Promise<ReadModel> {
  return new SqliteReadModel(openDatabase(options.file), options);
}

function openDatabase(file: string, role: 'live' | 'shadow' = 'live'): Database.Database {
  const db = new Database(file);
  try {
    // A shadow copy is thrown away when anything goes wrong before its swap (which flushes it and switches it to
    // a journal), so it is written without one, unsynced, with a larger page cache: a rebuild writes each page once.
    db.pragma(role === 'shadow' ? 'journal_mode = OFF' : 'journal_mode = WAL');
    setSqlitePageCache(db, role === 'shadow' ? SHADOW_CACHE_KIB : SQLITE_PAGE_CACHE_KIB.readModel);
    // The read model is rebuildable from the log and its checkpoint commits with its rows, so a lost
    // tail after power loss only means re-projecting it; NORMAL is safe for that in WAL mode.
    db.pragma(role === 'shadow' ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Fewer, larger checkpoints: each one rewrites the pages every projection batch touches (docs/operations.md, "SQLite checkpoints").
    if (role === 'live') setSqliteWalAutocheckpoint(db);
    // Erasure (docs/audit.md): a deleted user's bytes are zeroed in the page instead of lingering in free space.
    db.pragma('secure_delete = ON');
    // The read model belongs to one process (the embedded hub). Holding the file lock for good saves the lock
    // and unlock system calls SQLite otherwise makes around every statement — several µs each on a VM — and
    // makes a second hub started on the same data directory fail instead of projecting twice.
    db.pragma('locking_mode = EXCLUSIVE');
    registerSqliteFunctions(db);
    db.transaction(() => {
      for (const ddl of [...SQLITE_READ_MODEL_DDL, ...CHECKPOINT_DDL]) db.exec(ddl);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

class SqliteReadModel implements ReadModel {
  private db!: Database.Database;
  private statements!: SqliteStatements;
  private projectBatch!: Database.Transaction<(events: RecordedEvent[]) => void>;
  private readonly queries: ReadQueries;

  constructor(
    db: Database.Database,
    private readonly options: SqliteReadModelOptions,
  ) {
    this.use(db);
    const schemas = { User: options.schemas?.User ?? USER, Group: options.schemas?.Group ?? GROUP };
    this.queries = new ReadQueries('sqlite', async (q) => this.statements.all(q.sql, q.params), schemas, async (work) =>
      work((q) => this.statements.all(q.sql, q.params)),
    );
  }

  /** A fresh copy in `<file>.shadow`, filled by a rebuild and then renamed over the live file (swapSqliteFile). */
  async openShadow(): Promise<ShadowProjection> {
    const file = `${this.options.file}.shadow`;
    removeDatabaseFiles(file);
    const shadow = new SqliteReadModel(openDatabase(file, 'shadow'), { ...this.options, file });
    return {
      checkpoint: () => shadow.checkpoint(),
      project: (events) => shadow.project(events),
      swapIn: async () => {
        // Most of the copy goes to disk here, without holding up the event loop; the swap syncs the rest.
        await syncFile(file);
        this.use(swapSqliteFile(this.db, shadow.db, this.options.file, () => openDatabase(this.options.file)));
      },
      discard: async () => {
        await shadow.close();
        removeDatabaseFiles(file);
      },
    };
  }

  // Every statement and the projection transaction belong to one connection; a swap replaces all of them.
  private use(db: Database.Database): void {
    this.db = db;
    this.statements = new SqliteStatements(db, this.options.onStatement);
    this.projectBatch = db.transaction((events: RecordedEvent[]) => this.projectInTransaction(events));
  }

  async project(events: RecordedEvent[]): Promise<void> {
    // IMMEDIATE takes the write lock first, so a second projector process cannot interleave its batch.
    if (events.length > 0) translatingSqlite(() => this.projectBatch.immediate(events));
  }

  async checkpoint(): Promise<Position | undefined> {
    return this.readCheckpoint();
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
    this.db.transaction(() => {
      for (const table of ['scim_group_members', 'scim_emails', 'scim_resources']) this.statements.run(`DELETE FROM ${table}`);
      this.statements.run("UPDATE scim_read_model_checkpoint SET position = NULL WHERE name = 'scim'");
    }).immediate();
  }

  // The only connection (locking_mode EXCLUSIVE), so no reader can keep the checkpoint from completing.
  async purgeDeletedData(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private projectInTransaction(events: RecordedEvent[]): void {
    const checkpoint = this.readCheckpoint();
    const loaded = new Map<string, CurrentResource>();
    for (const key of resourcesToLoad(events, checkpoint)) {
      const row = this.statements.get<{ doc: string; version: number; created: string; last_modified: string }>(
        'SELECT doc, version, created, last_modified FROM scim_resources WHERE tenant = ? AND resource_type = ? AND id = ?',
        [key.tenant, key.resourceType, key.id],
      );
      if (row) {
        loaded.set(resourceKeyString(key), {
          doc: JSON.parse(row.doc),
          version: Number(row.version),
          created: row.created,
          lastModified: row.last_modified,
        });
      }
    }
    const plan = planProjection(events, checkpoint, loaded);
    if (!plan.checkpoint) return;
    writeSqlitePlan(this.statements, plan);
    this.statements.run("UPDATE scim_read_model_checkpoint SET position = ? WHERE name = 'scim'", [positionToString(plan.checkpoint)]);
  }

  private readCheckpoint(): Position | undefined {
    const row = this.statements.get<{ position: string | null }>("SELECT position FROM scim_read_model_checkpoint WHERE name = 'scim'");
    return storedPosition(row?.position);
  }
}
