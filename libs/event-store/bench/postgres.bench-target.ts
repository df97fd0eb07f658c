import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgresEventStore } from '../src/postgres';
import { appendBatches, appendSingles, benchEvent, type BenchRow, type BenchSizes, catchUp, rate, timed } from './bench-kit';

// The baseline: a plain table with the same columns (bigserial key, jsonb payloads), bare INSERTs — what the
// store adds on top of PostgreSQL (advisory lock, revision check, idempotency look-up, NOTIFY, indexes).
const rawDdl = (schema: string) => `CREATE TABLE "${schema}".raw_events (
  global_position bigserial PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, event_id text NOT NULL,
  type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now())`;

function rawRows(count: number, streamId: string, firstRevision: number) {
  const values: unknown[] = [];
  const tuples = Array.from({ length: count }, (_, n) => {
    const e = benchEvent(n);
    values.push(streamId, firstRevision + n, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata));
    const p = n * 7;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`;
  });
  return { tuples: tuples.join(', '), values };
}

async function raw(client: pg.Client, schema: string, sizes: BenchSizes) {
  await client.query(rawDdl(schema));
  const insert = (count: number, streamId: string, first: number) => {
    const { tuples, values } = rawRows(count, streamId, first);
    return client.query(
      `INSERT INTO "${schema}".raw_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES ${tuples}`,
      values,
    );
  };
  const single = rate(sizes.singleAppends, await timed(async () => {
    for (let i = 0; i < sizes.singleAppends; i++) await insert(1, `bench/User/s${i}`, 0);
  }));
  const batched = rate(sizes.batchedAppends * sizes.batchSize, await timed(async () => {
    for (let i = 0; i < sizes.batchedAppends; i++) await insert(sizes.batchSize, 'bench/Group/batched', i * sizes.batchSize);
  }));
  let read = 0;
  const readMs = await timed(async () => {
    for (let after = '0'; ; ) {
      const { rows } = await client.query(
        `SELECT * FROM "${schema}".raw_events WHERE global_position > $1 ORDER BY global_position LIMIT 1000`,
        [after],
      );
      if (rows.length === 0) break;
      read += rows.length;
      after = rows[rows.length - 1].global_position;
    }
  });
  return { single, batched, read: rate(read, readMs) };
}

/** Measures the PostgreSQL store and its raw baseline in a fresh schema, dropped afterwards. */
export async function benchPostgres(connectionString: string, sizes: BenchSizes): Promise<BenchRow[]> {
  const schema = `es_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const store = await openPostgresEventStore({ connectionString, schema, poolSize: 2 });
    const single = await appendSingles(store, sizes.singleAppends);
    const batched = await appendBatches(store, sizes.batchedAppends, sizes.batchSize);
    const read = await catchUp(store);
    await store.close();
    const baseline = await raw(client, schema, sizes);
    const target = 'PostgreSQL';
    return [
      { target, measure: 'append 1 event/append', store: single, raw: baseline.single },
      { target, measure: `append ${sizes.batchSize} events/append`, store: batched, raw: baseline.batched },
      { target, measure: `catch-up read (${read.events} ev)`, store: read.rate, raw: baseline.read },
    ];
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
