import pg from 'pg';
import { postgresReachable, TEST_DATABASE_URL, until } from '@scim-hub/testing';
import { PostgresProjectionLeases } from './postgres-projection-leases';

const reachable = postgresReachable();

(reachable.ok ? describe : describe.skip)(`PostgreSQL projection leases${reachable.ok ? '' : ` (skipped: no PostgreSQL — ${reachable.why})`}`, () => {
  const scope = `lease-test-${process.pid}-${Date.now()}`;
  const a = new PostgresProjectionLeases({ connectionString: TEST_DATABASE_URL, scope, heartbeatMs: 100 });
  const b = new PostgresProjectionLeases({ connectionString: TEST_DATABASE_URL, scope, heartbeatMs: 100 });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('grants each name to one holder at a time; released, it goes to the next', async () => {
    const held = await a.tryAcquire('scim');
    expect(held).toBeDefined();
    expect(await b.tryAcquire('scim')).toBeUndefined();
    expect(await b.tryAcquire('audit')).toBeDefined();
    await held!.release();
    expect(await b.tryAcquire('scim')).toBeDefined();
  });

  it('reports the lease lost when its session ends, and the lock is free for another process', async () => {
    const other = new PostgresProjectionLeases({ connectionString: TEST_DATABASE_URL, scope, heartbeatMs: 100 });
    // A name no other test uses: only this lease's own session is terminated.
    const name = `p${process.pid}-${Date.now()}`;
    const held = await other.tryAcquire(name);
    expect(held).toBeDefined();
    let lost = false;
    void held!.lost.then(() => (lost = true));
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`scim-hub lease ${name}`]);
    } finally {
      await admin.end();
    }
    await until(() => lost, 'lease lost', 10_000);
    await until(async () => (await a.tryAcquire(name)) !== undefined, 'taken over', 10_000, 50);
    await other.close();
  });
});
