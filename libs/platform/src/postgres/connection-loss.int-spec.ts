import { Client, Pool } from 'pg';
import { surviveConnectionLoss } from './connection-loss';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('surviveConnectionLoss', () => {
  it('keeps a connection that dies in the middle of a transaction from ending the process; the pool drops that client', async () => {
    const pool = surviveConnectionLoss(new Pool({ connectionString: url, max: 2 }));
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const unhandled = jest.fn();
    process.on('uncaughtException', unhandled);
    try {
      const client = await pool.connect();
      await client.query('BEGIN');
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Between two statements of the transaction: no query is active on the client when its server session ends.
      const ended = new Promise((resolve) => client.once('end', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await ended;
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      expect(pool.totalCount).toBe(0);
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('uncaughtException', unhandled);
      await admin.end();
      await pool.end();
    }
  });
});
