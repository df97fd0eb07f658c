import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HashedTokenStore, type TokenRecord } from '../hashed-token-store';
import type { TokenInfo } from '../token-store.port';
import { translateSqliteTokenError } from './sqlite-errors';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from '@scim-hub/platform/sqlite';

/** File name of the token database under HUB_DATA_DIR. */
export const ACCESS_DB_FILE = 'access.db';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    label TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    lookup TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX IF NOT EXISTS api_tokens_lookup ON api_tokens (lookup);`;

interface Row {
  id: string;
  tenant: string;
  label: string;
  token_hash: Buffer;
  lookup: string;
  created_at: string;
  revoked_at: string | null;
}

/** Token store in its own SQLite file (`<HUB_DATA_DIR>/access.db`), shared by the hub and the CLI. */
export class SqliteTokenStore extends HashedTokenStore {
  private constructor(private readonly db: Database.Database) {
    super();
  }

  /** Opens (creating directory, file and table if needed) the token database at `file`. */
  static open(file: string): SqliteTokenStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      // The CLI and a running hub may write at the same moment; wait for the lock instead of failing.
      db.pragma('busy_timeout = 5000');
      setSqlitePageCache(db, SQLITE_PAGE_CACHE_KIB.small);
      db.exec(SCHEMA);
      return new SqliteTokenStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  protected override translateError(error: unknown): unknown {
    return translateSqliteTokenError(error);
  }

  protected async insertIfAbsent(r: TokenRecord): Promise<string> {
    const insert = this.db.prepare(
      `INSERT INTO api_tokens (id, tenant, label, token_hash, lookup, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING`,
    );
    const select = this.db.prepare<[Buffer], { id: string }>('SELECT id FROM api_tokens WHERE token_hash = ?');
    return this.db.transaction(() => {
      insert.run(r.id, r.tenant, r.label, r.hash, r.lookup, r.createdAt);
      return select.get(r.hash)?.id ?? r.id;
    })();
  }

  private byLookup?: Database.Statement<[string], Row>;

  protected async findByLookup(lookup: string): Promise<TokenRecord[]> {
    // Prepared once: this runs for every request whose token is not remembered.
    this.byLookup ??= this.db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE lookup = ?');
    return this.byLookup.all(lookup).map(toRecord);
  }

  // rowid orders tokens created within the same millisecond (created_at ties) by creation.
  protected async selectAll(tenant: string | undefined): Promise<TokenInfo[]> {
    const rows =
      tenant === undefined
        ? this.db.prepare<[], Row>('SELECT * FROM api_tokens ORDER BY created_at, rowid').all()
        : this.db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE tenant = ? ORDER BY created_at, rowid').all(tenant);
    return rows.map((row) => toInfo(row));
  }

  protected async markRevoked(id: string, at: string): Promise<boolean> {
    const result = this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
    return result.changes === 1;
  }

  protected async countAll(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_tokens').get()?.n ?? 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toInfo(row: Row): TokenInfo {
  return {
    id: row.id,
    tenant: row.tenant,
    label: row.label,
    createdAt: row.created_at,
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  };
}

function toRecord(row: Row): TokenRecord {
  return { ...toInfo(row), hash: row.token_hash, lookup: row.lookup };
}
