import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';

/** Fully qualified, quoted names of the store's tables in one PostgreSQL schema. */
export interface PostgresTables {
  schema: string;
  events: string;
  checkpoints: string;
  migrations: string;
  /** LISTEN/NOTIFY channel of this schema's appends. */
  channel: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates the schema name (lower-case identifier) and derives table names from it. */
export function postgresTables(schema: string): PostgresTables {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`PostgreSQL schema must match ${SCHEMA_NAME} (got ${JSON.stringify(schema)})`);
  }
  const q = `"${schema}"`;
  return {
    schema,
    events: `${q}.events`,
    checkpoints: `${q}.checkpoints`,
    migrations: `${q}.schema_migrations`,
    channel: `scim_hub_events_${createHash('sha1').update(schema).digest('hex').slice(0, 16)}`,
  };
}

/**
 * A 64-bit advisory-lock key for a name within a schema. Advisory locks are database-wide, so the schema is
 * part of the key; a collision between two names only serializes their writers, it never breaks correctness.
 */
export function advisoryLockKey(schema: string, name: string): bigint {
  return createHash('sha1').update(`${schema}\u0000${name}`).digest().readBigInt64BE(0);
}

// Why (transaction_id, global_position): a bigserial alone is not a safe cursor — a transaction can take
// sequence value 10, commit after the one holding 11, and a reader that already moved past 11 would skip 10.
// Readers therefore only look at rows whose transaction id is below the oldest still-running transaction
// (`pg_snapshot_xmin`), so nothing can later appear before a position they have passed.
const MIGRATIONS: ReadonlyArray<(t: PostgresTables) => string> = [
  (t) => `
    CREATE TABLE ${t.events} (
      global_position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      revision bigint NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
    );
    CREATE INDEX events_log_order ON ${t.events} (transaction_id, global_position);
    CREATE INDEX events_event_id ON ${t.events} (event_id);
    CREATE TABLE ${t.checkpoints} (
      subscriber_id text PRIMARY KEY,
      commit_position bigint NOT NULL,
      prepare_position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );`,
];

/** Current schema version (number of migrations). */
export const POSTGRES_EVENT_STORE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates the schema and applies missing migrations, each recorded in `schema_migrations`, in one transaction
 * under an advisory lock so that several processes starting at once do not race.
 */
export async function migratePostgresEventStore(client: PoolClient, tables: PostgresTables): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey(tables.schema, '$migrate').toString()]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${tables.migrations}`);
    for (let version = (rows[0].version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1](tables));
      await client.query(`INSERT INTO ${tables.migrations} (version) VALUES ($1)`, [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
