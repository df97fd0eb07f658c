import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../src/sqlite';
import { applySqlitePragmas, type SqliteSynchronous } from '../src/sqlite/sqlite-schema';
import { appendBatches, appendSingles, benchEvent, type BenchRow, type BenchSizes, catchUp, rate, timed } from './bench-kit';

// The baseline: a plain table with the same columns, same file settings, written with bare INSERTs — what
// the store costs on top of SQLite itself (revision checks, idempotency look-up, the unique index).
const RAW_DDL = `CREATE TABLE raw_events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL)`;

function rawInsert(db: Database.Database) {
  const insert = db.prepare(
    'INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (streamId: string, revision: number, n: number) => {
    const e = benchEvent(n);
    insert.run(streamId, revision, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), new Date().toISOString());
  };
}

async function raw(file: string, synchronous: SqliteSynchronous, sizes: BenchSizes) {
  const db = new Database(file);
  applySqlitePragmas(db, synchronous);
  db.exec(RAW_DDL);
  const insert = rawInsert(db);
  const single = rate(sizes.singleAppends, await timed(() => {
    for (let i = 0; i < sizes.singleAppends; i++) insert(`bench/User/s${i}`, 0, i);
  }));
  const batch = db.transaction((first: number) => {
    for (let n = 0; n < sizes.batchSize; n++) insert('bench/Group/batched', first + n, n);
  });
  const batched = rate(sizes.batchedAppends * sizes.batchSize, await timed(() => {
    for (let i = 0; i < sizes.batchedAppends; i++) batch(i * sizes.batchSize);
  }));
  const select = db.prepare('SELECT * FROM raw_events WHERE position > ? ORDER BY position LIMIT 1000');
  let read = 0;
  const readMs = await timed(() => {
    for (let after = 0, rows = select.all(after) as Array<{ position: number; data: string; metadata: string }>; rows.length > 0; ) {
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        read++;
      }
      after = rows[rows.length - 1].position;
      rows = select.all(after) as typeof rows;
    }
  });
  db.close();
  return { single, batched, read: rate(read, readMs) };
}

/** Measures the SQLite store and its raw baseline with one `synchronous` setting, on fresh temp files. */
export async function benchSqlite(synchronous: SqliteSynchronous, sizes: BenchSizes): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-hub-bench-'));
  try {
    const store = await openSqliteEventStore({ file: join(dir, 'store.db'), synchronous });
    const single = await appendSingles(store, sizes.singleAppends);
    const batched = await appendBatches(store, sizes.batchedAppends, sizes.batchSize);
    const read = await catchUp(store);
    await store.close();
    const baseline = await raw(join(dir, 'raw.db'), synchronous, sizes);
    const target = `SQLite ${synchronous}`;
    return [
      { target, measure: 'append 1 event/append', store: single, raw: baseline.single },
      { target, measure: `append ${sizes.batchSize} events/append`, store: batched, raw: baseline.batched },
      { target, measure: `catch-up read (${read.events} ev)`, store: read.rate, raw: baseline.read },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
