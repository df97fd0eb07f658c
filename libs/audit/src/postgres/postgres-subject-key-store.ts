// Per-subject keys in a PostgreSQL schema. A deleted row is not part of any later dump; VACUUM reclaims it.
import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { KeyBatches } from '../erasure/key-batches';
import { keysAsTheyAre, rewrapRows, SUBJECT_KEY_BYTES, type KeyWrapping, type StoredKeyRow } from '../erasure/key-wrapping';
import type { SubjectKeyStore } from '../erasure/subject-key-store.port';
import { translatePostgresKeyError } from './postgres-key-errors';
import { surviveConnectionLoss } from '@scim-hub/platform/postgres';

/** Options of the PostgreSQL key store. */
export interface PostgresSubjectKeyStoreOptions {
  connectionString: string;
  /** Default `scim_hub_keys`. */
  schema?: string;
  /** How keys are stored: wrapped with HUB_MASTER_KEY, or (default) as they are. */
  wrapping?: KeyWrapping;
}

/** Opens (creating the table when missing) the PostgreSQL key store. */
export async function openPostgresSubjectKeyStore(options: PostgresSubjectKeyStoreOptions): Promise<SubjectKeyStore> {
  const schema = options.schema ?? 'scim_hub_keys';
  const wrapping = options.wrapping ?? keysAsTheyAre();
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid key schema name: ${schema}`);
  const pool = surviveConnectionLoss(new Pool({ connectionString: options.connectionString, max: 4, options: `-c search_path=${schema}` }));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await pool.query('CREATE TABLE IF NOT EXISTS subject_keys (subject TEXT PRIMARY KEY, key BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await settleWrapping(pool, wrapping);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresSubjectKeyStore(pool, wrapping);
}

/**
 * Rewrites, in one statement, every key not stored in the form `wrapping` writes: keys stored as they are when a
 * master key is set, keys wrapped by a previous master key when it changes or is removed (a row another process
 * rewrote meanwhile no longer matches). VACUUM then frees the old row versions. A key no given master key opens
 * stops the process here, at start, not at some user's first read.
 */
async function settleWrapping(pool: Pool, wrapping: KeyWrapping): Promise<void> {
  const { length, prefix } = wrapping.form;
  const stale = await pool.query<StoredKeyRow>(
    'SELECT subject, key FROM subject_keys WHERE NOT (length(key) = $1 AND substring(key from 1 for $2) = $3)',
    [length, prefix.length, prefix],
  );
  const rows = rewrapRows(stale.rows, wrapping);
  if (rows.length === 0) return;
  await pool.query(
    `UPDATE subject_keys AS k SET key = u.rewrapped FROM unnest($1::text[], $2::bytea[], $3::bytea[]) AS u(subject, stored, rewrapped)
     WHERE k.subject = u.subject AND k.key = u.stored`,
    [rows.map((r) => r.subject), rows.map((r) => r.stored), rows.map((r) => r.rewrapped)],
  );
  await pool.query('VACUUM subject_keys');
}

class PostgresSubjectKeyStore implements SubjectKeyStore {
  // One INSERT (one commit) for the keys asked for while the previous one was on its way: a round trip per batch
  // of concurrent creates instead of one per new user.
  private readonly batches = new KeyBatches((subjects) => this.translating(() => this.createKeys(subjects)));

  constructor(
    private readonly pool: Pool,
    private readonly wrapping: KeyWrapping,
  ) {}

  keyFor(subject: string): Promise<Buffer> {
    return this.batches.request(subject);
  }

  // Subjects that already have a key (or got one from a concurrent writer, which ON CONFLICT waits for) return
  // nothing here and are read by a second statement, which sees those rows.
  private async createKeys(subjects: string[]): Promise<Map<string, Buffer>> {
    const created = subjects.map(() => randomBytes(SUBJECT_KEY_BYTES));
    const inserted = await this.pool.query<{ subject: string }>(
      'INSERT INTO subject_keys (subject, key) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT DO NOTHING RETURNING subject',
      [subjects, subjects.map((subject, i) => this.wrapping.wrap(subject, created[i]))],
    );
    const createdOf = new Map(subjects.map((subject, i) => [subject, created[i]]));
    const keys = new Map(inserted.rows.map((row) => [row.subject, createdOf.get(row.subject) as Buffer]));
    const existing = subjects.filter((subject) => !keys.has(subject));
    if (existing.length > 0) for (const [subject, key] of await this.find(existing)) keys.set(subject, key);
    return keys;
  }

  async find(subjects: readonly string[]): Promise<Map<string, Buffer>> {
    const result = await this.translating(() => this.pool.query<StoredKeyRow>('SELECT subject, key FROM subject_keys WHERE subject = ANY($1::text[])', [subjects]));
    return new Map(result.rows.map((row) => [row.subject, this.wrapping.unwrap(row.subject, row.key)]));
  }

  async destroy(subject: string): Promise<boolean> {
    return ((await this.translating(() => this.pool.query('DELETE FROM subject_keys WHERE subject = $1', [subject]))).rowCount ?? 0) > 0;
  }

  // Dead tuples never appear in pg_dump; VACUUM frees their space for reuse.
  async purge(): Promise<void> {
    await this.pool.query('VACUUM subject_keys');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // A server that cannot be reached is a 503 for the request that needed a key, never a 500.
  private async translating<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translatePostgresKeyError(error);
    }
  }
}
