import { spawnSync } from 'node:child_process';

/** The PostgreSQL server the int-specs use (common rules: local trust auth, database `test`). */
export const TEST_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the test server answers, checked synchronously (Jest registers suites synchronously, so a
 * suite that cannot reach its server can register as skipped instead of passing silently).
 */
export function postgresReachable(url: string = TEST_DATABASE_URL): { ok: true } | { ok: false; why: string } {
  const script = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;
  const probe = spawnSync(process.execPath, ['-e', script, url], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 ? { ok: true } : { ok: false, why: (probe.stderr || 'no answer').trim() };
}
