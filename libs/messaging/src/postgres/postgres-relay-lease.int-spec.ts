// The relay lease on the real PostgreSQL server: one holder at a time, a standby takes over on release, and a
// holder whose connection is cut learns it lost the lease.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postgresReachable, TEST_DATABASE_URL, until } from '@scim-hub/testing';
import { postgresRelayLease } from './postgres-relay-lease';

const reachable = postgresReachable();

if (!reachable.ok) {
  console.warn(`skipped: PostgreSQL relay lease — no PostgreSQL (${reachable.why})`);
  describe.skip('PostgreSQL relay lease (skipped: no PostgreSQL)', () => it('holds one lease at a time', () => undefined));
} else {
  describe('PostgreSQL relay lease', () => {
    const lease = (name: string) => postgresRelayLease({ connectionString: TEST_DATABASE_URL, name, retryMs: 20 });
    // A third session's attempt: true only when nobody holds the lock (it releases again at once).
    const tryLock = async (name: string): Promise<boolean> => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        return (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name])).rows[0].locked;
      } finally {
        await client.end();
      }
    };

    it('lets one holder in at a time and hands over on release', async () => {
      const name = `lease-${randomUUID()}`;
      const [first, second] = [lease(name), lease(name)];
      await first.acquire();
      let secondHeld = false;
      const waiting = second.acquire().then(() => (secondHeld = true));
      expect(await tryLock(name)).toBe(false);
      expect(secondHeld).toBe(false);
      await first.release();
      await waiting;
      expect(secondHeld).toBe(true);
      await second.release();
    });

    it('reports a lost lease when its connection is terminated, and the lock is free again', async () => {
      const name = `lease-${randomUUID()}`;
      const holder = lease(name);
      const lost: Error[] = [];
      holder.onLost((error) => lost.push(error));
      await holder.acquire();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scim-hub relay lease' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = hashtext($1)::oid)`, [name]);
      } finally {
        await admin.end();
      }
      await until(() => lost.length > 0, 'the lease reported lost', 10_000, 10);
      const next = lease(name);
      await next.acquire();
      await next.release();
      await holder.release();
    });

    it('stops waiting when released before it got the lease', async () => {
      const name = `lease-${randomUUID()}`;
      const [holder, standby] = [lease(name), lease(name)];
      await holder.acquire();
      const waiting = standby.acquire();
      await standby.release();
      await expect(waiting).rejects.toThrow(/released while waiting/);
      await holder.release();
    });
  });
}
