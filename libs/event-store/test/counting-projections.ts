// Test projections that record every event they are handed in a table keyed by its position, with NO skip of
// events at or before the checkpoint: an event handed twice violates the primary key and fails the batch, so a
// runner that re-delivers after a crash cannot go unnoticed.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Position, RecordedEvent } from '../src';
import { positionFromString, positionToString } from '../src';
import type { CheckpointedProjection } from '../src/projections';

/** The recorded rows: positions in table order, for the parent's comparison with the log. */
export interface CountedRows {
  positions: string[];
  checkpoint: string | undefined;
}

/** SQLite: rows and checkpoint in one file, written in one transaction per batch. */
export function sqliteCounting(file: string): CheckpointedProjection & { close(): void; rows(): CountedRows } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS applied (position TEXT PRIMARY KEY, seq INTEGER NOT NULL, event_id TEXT NOT NULL)');
  db.exec('CREATE TABLE IF NOT EXISTS checkpoint (name TEXT PRIMARY KEY, position TEXT)');
  const insert = db.prepare('INSERT INTO applied (position, seq, event_id) VALUES (?, ?, ?)');
  const save = db.prepare("INSERT INTO checkpoint (name, position) VALUES ('counting', ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position");
  const batch = db.transaction((events: RecordedEvent[]) => {
    for (const e of events) insert.run(positionToString(e.position), Number(e.position.commit), e.id);
    save.run(positionToString(events.at(-1)!.position));
  });
  const read = (): string | undefined => (db.prepare("SELECT position FROM checkpoint WHERE name = 'counting'").get() as { position?: string } | undefined)?.position;
  return {
    name: 'counting',
    checkpoint: async () => toPosition(read()),
    project: async (events) => void (events.length > 0 && batch(events)),
    reset: async () => void db.exec('DELETE FROM applied; DELETE FROM checkpoint'),
    close: () => db.close(),
    rows: () => ({ positions: (db.prepare('SELECT position FROM applied ORDER BY seq').all() as { position: string }[]).map((r) => r.position), checkpoint: read() }),
  };
}

/** PostgreSQL: rows and checkpoint in one schema, written in one transaction per batch. */
export async function postgresCounting(connectionString: string, schema: string): Promise<CheckpointedProjection & { close(): Promise<void>; rows(): Promise<CountedRows> }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  // Two processes start at once: CREATE ... IF NOT EXISTS alone races on the catalog.
  await client.query('BEGIN');
  await client.query("SELECT pg_advisory_xact_lock(hashtext('counting projection ddl'))");
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.applied (position text PRIMARY KEY, commit_pos numeric NOT NULL, prepare_pos numeric NOT NULL, event_id text NOT NULL)`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.checkpoint (name text PRIMARY KEY, position text)`);
  await client.query('COMMIT');
  // The runner may read the checkpoint (status, lag) while a batch is being projected: one client runs one
  // thing at a time, so every use of it waits for the previous one.
  let last: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.catch(() => undefined).then(work);
    last = next;
    return next;
  };
  const read = async () => (await client.query(`SELECT position FROM ${schema}.checkpoint WHERE name = 'counting'`)).rows[0]?.position as string | undefined;
  return {
    name: 'counting',
    checkpoint: () => exclusive(async () => toPosition(await read())),
    project: (events) => exclusive(() => projectBatch(events)),
    reset: () => exclusive(async () => void (await client.query(`TRUNCATE ${schema}.applied, ${schema}.checkpoint`))),
    close: () => exclusive(() => client.end()),
    rows: () =>
      exclusive(async () => ({
        positions: (await client.query(`SELECT position FROM ${schema}.applied ORDER BY commit_pos, prepare_pos`)).rows.map((r) => r.position as string),
        checkpoint: await read(),
      })),
  };

  async function projectBatch(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO ${schema}.applied SELECT * FROM unnest($1::text[], $2::numeric[], $3::numeric[], $4::text[])`,
        [events.map((e) => positionToString(e.position)), events.map((e) => String(e.position.commit)), events.map((e) => String(e.position.prepare)), events.map((e) => e.id)],
      );
      await client.query(
        `INSERT INTO ${schema}.checkpoint (name, position) VALUES ('counting', $1) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [positionToString(events.at(-1)!.position)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}

function toPosition(text: string | undefined): Position | undefined {
  return text ? positionFromString(text) : undefined;
}
