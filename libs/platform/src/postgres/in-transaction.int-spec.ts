import { Pool } from 'pg';
import { inLockedTransaction } from './in-transaction';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `locked_tx_${process.pid}`;

describe('inLockedTransaction', () => {
  let pool: Pool;
  const positions = async () => (await pool.query('SELECT name, position FROM checkpoint ORDER BY name')).rows;
  const items = async () => (await pool.query('SELECT value FROM item ORDER BY value')).rows.map((r) => r.value as string);

  beforeAll(async () => {
    const admin = new Pool({ connectionString: url, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.end();
    pool = new Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    await pool.query('CREATE TABLE checkpoint (name text PRIMARY KEY, position text); CREATE TABLE item (value text PRIMARY KEY)');
  });

  beforeEach(async () => {
    await pool.query("TRUNCATE item; DELETE FROM checkpoint; INSERT INTO checkpoint VALUES ('p', '1')");
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  async function waitUntilALockIsAwaited(): Promise<void> {
    const observer = new Pool({ connectionString: url, max: 1 });
    try {
      for (let i = 0; i < 500; i++) {
        const { rows } = await observer.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'");
        if (rows[0].n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no writer ever waited for the row lock');
    } finally {
      await observer.end();
    }
  }

  const LOCK = "SELECT position FROM checkpoint WHERE name = 'p' FOR UPDATE";

  it('hands the work the lock statement rows and commits its writes with the finishing statement', async () => {
    const result = await inLockedTransaction(pool, LOCK, async (client, locked) => {
      await client.query('INSERT INTO item VALUES ($1)', [`after ${locked[0].position}`]);
      return { result: 'done', finish: "UPDATE checkpoint SET position = '2' WHERE name = 'p'" };
    });
    expect(result).toBe('done');
    expect(await items()).toEqual(['after 1']);
    expect(await positions()).toEqual([{ name: 'p', position: '2' }]);
  });

  it('hands the work the rows of the last lock statement when there are several (an advisory lock, then a read)', async () => {
    const lock = `SELECT pg_advisory_xact_lock(hashtext('locked_tx')); SELECT position FROM checkpoint WHERE name = 'p'`;
    const seen = await inLockedTransaction(pool, lock, async (_client, rows) => ({ result: rows }));
    expect(seen).toEqual([{ position: '1' }]);
  });

  it('commits without a finishing statement', async () => {
    await inLockedTransaction(pool, LOCK, async (client) => {
      await client.query("INSERT INTO item VALUES ('a')");
      return { result: undefined };
    });
    expect(await items()).toEqual(['a']);
  });

  it('rolls the work back when the finishing statement fails, and rejects with its error', async () => {
    const run = inLockedTransaction(pool, LOCK, async (client) => {
      await client.query("INSERT INTO item VALUES ('a')");
      return { result: undefined, finish: 'UPDATE no_such_table SET x = 1' };
    });
    await expect(run).rejects.toThrow(/no_such_table/);
    expect(await items()).toEqual([]);
    expect(await positions()).toEqual([{ name: 'p', position: '1' }]);
  });

  it('rolls the work back when it throws, and leaves the connection usable', async () => {
    const run = inLockedTransaction(pool, LOCK, async (client) => {
      await client.query("INSERT INTO item VALUES ('a')");
      throw new Error('work failed');
    });
    await expect(run).rejects.toThrow('work failed');
    expect(await items()).toEqual([]);
    expect(pool.totalCount).toBeGreaterThan(0);
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('holds the row lock from BEGIN: a second writer waits, then sees the first one committed', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const firstLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = inLockedTransaction(pool, LOCK, async () => {
      locked();
      await held;
      order.push('first');
      return { result: undefined, finish: "UPDATE checkpoint SET position = '2' WHERE name = 'p'" };
    });
    await firstLocked;
    const second = inLockedTransaction(pool, LOCK, async (_client, rows) => {
      order.push(`second saw ${rows[0].position}`);
      return { result: undefined };
    });
    // The second writer's lock statement (sent with its BEGIN) waits on the row the first one holds.
    await waitUntilALockIsAwaited();
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second saw 2']);
  });
});
