import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventStore } from '../event-store.port';
import { newEvent, newEvents, readAllThrough, uniquePrefix } from '../testing';
import { openPostgresEventStore } from './postgres-event-store';
import { POSTGRES_EVENT_STORE_SCHEMA_VERSION } from './postgres-schema';
import { comparePositions } from '../position';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('PostgreSQL event store: schema, connection, notifications', () => {
  const schema = `es_schema_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: url });
  const stores: EventStore[] = [];

  beforeAll(() => client.connect());
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('creates the schema once, records its version, and several processes may start at the same time', async () => {
    stores.push(...(await Promise.all(Array.from({ length: 4 }, () => openPostgresEventStore({ connectionString: url, schema })))));
    const { rows } = await client.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_EVENT_STORE_SCHEMA_VERSION }, (_, i) => i + 1));
    await stores[0].appendToStream('t/User/1', 'no_stream', newEvents(2));
    expect(await stores[3].readStream('t/User/1')).toHaveLength(2);
  });

  it('wakes a subscription on another handle through LISTEN/NOTIFY, not by polling', async () => {
    const writer = await openPostgresEventStore({ connectionString: url, schema });
    const reader = await openPostgresEventStore({ connectionString: url, schema, pollIntervalMs: 600_000 });
    stores.push(writer, reader);
    const prefix = uniquePrefix();
    const first = newEvent();
    const second = newEvent();
    await writer.appendToStream(`${prefix}User/1`, 'no_stream', [first]);
    const seen: string[] = [];
    let arrived: () => void = () => undefined;
    const secondArrived = new Promise<void>((resolve) => (arrived = resolve));
    const sub = reader.subscribe({
      streamPrefixes: [prefix],
      handle: (events) => {
        seen.push(...events.map((e) => e.id));
        if (seen.includes(second.id)) arrived();
      },
    });
    await sub.waitFor((await reader.readStream(`${prefix}User/1`))[0].position);
    await writer.appendToStream(`${prefix}User/1`, 0, [second]);
    // The poll interval is ten minutes: only a notification can deliver the second event within the timeout.
    await secondArrived;
    expect(seen).toEqual([first.id, second.id]);
  }, 10_000);

  it('shows an append once every transaction older than it has ended, whatever it is doing; readAllThrough waits for that', async () => {
    const store = await openPostgresEventStore({ connectionString: url, schema });
    stores.push(store);
    const prefix = uniquePrefix();
    const other = new pg.Client({ connectionString: url }); // any session of the cluster, on any database, does this
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()'); // a transaction id older than the append's
      const { position } = await store.appendToStream(`${prefix}User/1`, 'no_stream', [newEvent()]);
      expect(await store.readAll({ streamPrefixes: [prefix] })).toEqual([]); // appended, acknowledged, not shown yet

      let settled = false;
      const through = readAllThrough(store, position).finally(() => (settled = true));
      for (let i = 0; i < 5; i++) expect(await store.readAll({ streamPrefixes: [prefix] })).toEqual([]);
      expect(settled).toBe(false);
      await other.query('COMMIT');
      expect((await through).map((event) => event.position)).toContainEqual(position);
    } finally {
      await other.end();
    }
  });

  it('appends in one round trip when the expectations hold, and decides a conflict or a retry on the stream as read', async () => {
    const store = await openPostgresEventStore({ connectionString: url, schema });
    stores.push(store);
    const prefix = uniquePrefix();
    const sent: string[] = [];
    // Every append begins with the one-call append (a prepared statement, its values bound as parameters); the
    // first of the two round trips begins a message with BEGIN.
    const original = pg.Client.prototype.query;
    const counting = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string; name?: string; values?: unknown[] };
      const text = typeof config === 'string' ? config : config?.text;
      if (typeof config === 'object' && text?.includes('.append_if_expected(')) {
        sent.push(config.name && config.values?.length === 6 ? 'insert if expected' : 'append call not prepared');
      }
      if (text?.startsWith('BEGIN')) sent.push(text.includes('AS retry_from') ? 'read states' : 'unexpected BEGIN');
      return Reflect.apply(original, this, args) as never;
    });
    try {
      const events = newEvents(2);
      const first = await store.appendMulti([
        { streamId: `${prefix}User/1`, expectedRevision: 'no_stream', events },
        { streamId: `${prefix}Unique/userName/a`, expectedRevision: 'any', events: newEvents(1) },
      ]);
      expect(first.map((r) => r.nextExpectedRevision)).toEqual([1, 0]);
      expect(sent).toEqual(['insert if expected']);

      sent.length = 0;
      await expect(store.appendToStream(`${prefix}User/1`, 0, newEvents(1))).rejects.toMatchObject({ name: 'StreamRevisionConflict' });
      expect(sent).toEqual(['insert if expected', 'read states']);

      sent.length = 0;
      const retried = await store.appendToStream(`${prefix}User/1`, 'no_stream', events);
      expect(retried).toEqual({ ...first[0], streamId: `${prefix}User/1` });
      expect(sent).toEqual(['insert if expected', 'read states']);

      sent.length = 0;
      const next = await store.appendMulti([{ streamId: `${prefix}User/1`, expectedRevision: 1, events: newEvents(1) }], [{ streamId: `${prefix}Group/g`, expectedRevision: 'no_stream' }]);
      expect(next[0].nextExpectedRevision).toBe(2);
      expect(sent).toEqual(['insert if expected']);
      expect((await store.readStream(`${prefix}User/1`)).map((e) => e.revision)).toEqual([0, 1, 2]);
    } finally {
      counting.mockRestore();
    }
  });

  it('adds the append function to a store made before it (schema version 1), and appends there as before', async () => {
    const older = `${schema}_v1`;
    let reopened: EventStore | undefined;
    try {
      const first = await openPostgresEventStore({ connectionString: url, schema: older });
      const before = await first.appendToStream('User/1', 'no_stream', [newEvent()]);
      await first.close();
      // Back to what version 1 left: no function, one migration recorded.
      await client.query(`DROP FUNCTION "${older}".append_if_expected`);
      await client.query(`DELETE FROM "${older}".schema_migrations WHERE version > 1`);

      const store = await openPostgresEventStore({ connectionString: url, schema: older });
      reopened = store;
      const { rows } = await client.query(`SELECT version FROM "${older}".schema_migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_EVENT_STORE_SCHEMA_VERSION }, (_, i) => i + 1));
      const after = await store.appendToStream('User/1', 0, [newEvent()]);
      expect(after.nextExpectedRevision).toBe(1);
      expect(comparePositions(after.position, before.position)).toBeGreaterThan(0);
      expect((await store.readStream('User/1')).map((e) => e.revision)).toEqual([0, 1]);
    } finally {
      await reopened?.close();
      await client.query(`DROP SCHEMA IF EXISTS "${older}" CASCADE`);
    }
  });

  it('reports an unreachable server as EventStoreUnavailable', async () => {
    await expect(
      openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema }),
    ).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
  });

  it('refuses a schema name that is not a plain lower-case identifier', async () => {
    await expect(openPostgresEventStore({ connectionString: url, schema: 'x"; DROP TABLE y; --' })).rejects.toBeInstanceOf(TypeError);
  });
});
