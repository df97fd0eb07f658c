import { Pool, type PoolConfig } from 'pg';
import { HashedTokenStore, type TokenRecord } from '../hashed-token-store';
import type { TokenInfo } from '../token-store.port';
import { translatePostgresTokenError } from './postgres-errors';
import { inTransaction, surviveConnectionLoss } from '@scim-hub/platform/postgres';

/** Schema holding the token table unless told otherwise. */
export const DEFAULT_ACCESS_SCHEMA = 'scim_hub_access';

/** Where the PostgreSQL token store lives. */
export interface PostgresTokenStoreOptions {
  readonly connectionString: string;
  /** Own schema (created if missing); identifiers are validated, not quoted blindly. */
  readonly schema?: string;
  readonly pool?: Omit<PoolConfig, 'connectionString'>;
}

interface Row {
  id: string;
  tenant: string;
  label: string;
  token_hash: Buffer;
  lookup: string;
  created_at: Date;
  revoked_at: Date | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Token store in its own PostgreSQL schema, for deployments where several hub replicas share tokens. */
export class PostgresTokenStore extends HashedTokenStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {
    super();
  }

  /** Connects, creates the schema and table if needed, and returns the store. */
  static async open(options: PostgresTokenStoreOptions): Promise<PostgresTokenStore> {
    const schema = options.schema ?? DEFAULT_ACCESS_SCHEMA;
    if (!IDENTIFIER.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    // A connection that dies fails its statement (TokenStoreUnavailable), never the process.
    const pool = surviveConnectionLoss(new Pool({ ...options.pool, connectionString: options.connectionString }));
    try {
      await migrate(pool, schema);
      return new PostgresTokenStore(pool, `"${schema}".api_tokens`);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  protected override translateError(error: unknown): unknown {
    return translatePostgresTokenError(error);
  }

  protected async insertIfAbsent(r: TokenRecord): Promise<string> {
    // The CTE returns the existing row's id when the hash is already stored (ON CONFLICT DO NOTHING
    // returns nothing then).
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO ${this.table} (id, tenant, label, token_hash, lookup, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_hash) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM ${this.table} WHERE token_hash = $4 LIMIT 1`,
      [r.id, r.tenant, r.label, r.hash, r.lookup, r.createdAt],
    );
    if (rows[0]) return rows[0].id;
    // A concurrent insert of the same hash committed after this statement's snapshot was taken.
    const again = await this.pool.query<{ id: string }>(`SELECT id FROM ${this.table} WHERE token_hash = $1`, [r.hash]);
    return again.rows[0]?.id ?? r.id;
  }

  protected async findByLookup(lookup: string): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE lookup = $1`, [lookup]);
    return rows.map(toRecord);
  }

  protected async selectAll(tenant: string | undefined): Promise<TokenInfo[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM ${this.table} WHERE $1::text IS NULL OR tenant = $1 ORDER BY created_at, seq`,
      [tenant ?? null],
    );
    return rows.map(toInfo);
  }

  protected async markRevoked(id: string, at: string): Promise<boolean> {
    const result = await this.pool.query(`UPDATE ${this.table} SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      id,
      at,
    ]);
    return result.rowCount === 1;
  }

  protected async countAll(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table}`);
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

// Serialised with an advisory lock: two replicas starting together must not race on CREATE SCHEMA.
async function migrate(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('scim-hub-access:' || $1))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS "${schema}".api_tokens (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        label text NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        lookup text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS api_tokens_lookup ON "${schema}".api_tokens (lookup)`);
    // Creation order for tokens made within the same millisecond (created_at ties).
    await client.query(`ALTER TABLE "${schema}".api_tokens ADD COLUMN IF NOT EXISTS seq bigserial`);
  });
}

function toInfo(row: Row): TokenInfo {
  return {
    id: row.id,
    tenant: row.tenant,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    ...(row.revoked_at ? { revokedAt: row.revoked_at.toISOString() } : {}),
  };
}

function toRecord(row: Row): TokenRecord {
  return { ...toInfo(row), hash: row.token_hash, lookup: row.lookup };
}
