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
  // The usual append as one call (postgres-append-sql.ts, appendIfExpectedQuery). PL/pgSQL keeps the plans of its statements
  // per connection; the same statement sent as text was planned on every append (≈ 0.4 ms of the server's CPU, more
  // than running it). Each statement of a VOLATILE function reads a fresh snapshot, so the INSERT, taken after the
  // locks, sees every append that held one of them before; its transaction id is assigned at its first row.
  (t) => `
    CREATE FUNCTION "${t.schema}".append_if_expected(
      lock_keys bigint[], stream_ids text[], first_ids text[], expected_kinds text[], expected_revisions bigint[], new_events jsonb)
    RETURNS TABLE (appended_stream text, appended_revision bigint, appended_transaction text, appended_position bigint)
    LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
    BEGIN
      PERFORM pg_advisory_xact_lock(k) FROM unnest(lock_keys) AS k;
      RETURN QUERY
      WITH s AS (
        SELECT v.stream_id, v.first_id, v.expected, v.revision,
               (SELECT max(x.revision) FROM ${t.events} x WHERE x.stream_id = v.stream_id) AS current
        FROM unnest(stream_ids, first_ids, expected_kinds, expected_revisions) AS v(stream_id, first_id, expected, revision)
      ), ok AS (
        SELECT bool_and(
          CASE s.expected WHEN 'any' THEN true WHEN 'no_stream' THEN s.current IS NULL WHEN 'stream_exists' THEN s.current IS NOT NULL
            ELSE coalesce(s.current, -1) = s.revision END
          AND NOT EXISTS (SELECT 1 FROM ${t.events} x WHERE x.stream_id = s.stream_id AND x.event_id = s.first_id)) AS ok
        FROM s
      )
      INSERT INTO ${t.events} AS ev (stream_id, revision, event_id, type, schema_version, data, metadata)
      SELECT e.stream_id, coalesce(s.current, -1) + 1 + e.idx, e.event_id, e.type, e.schema_version, e.data, e.metadata
      FROM jsonb_array_elements(new_events) WITH ORDINALITY AS a(doc, ord)
      CROSS JOIN LATERAL jsonb_to_record(a.doc)
        AS e(stream_id text, idx bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb)
      JOIN s ON s.stream_id = e.stream_id
      WHERE (SELECT ok FROM ok)
      ORDER BY a.ord
      RETURNING ev.stream_id, ev.revision, ev.transaction_id::text, ev.global_position;
    END
    $fn$;`,
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
