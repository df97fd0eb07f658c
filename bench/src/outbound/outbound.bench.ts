// `npm run bench:outbound [-- --quick]`: the built hub (services/hub/dist/main.js, SQLite) delivering to a
// local SCIM target (scimmy, its own process) over real HTTP on 127.0.0.1. Three figures:
//   1. initial sync: users per second until a newly registered target holds every user the hub had;
//   2. delivered changes per second: a burst of PATCHes, from the first write to the target having seen all;
//   3. end-to-end latency at a steady rate (default 200 changes/s): hub 2xx → the target's write finished,
//      p50/p99 (the goal: p99 ≤ 250 ms).
// Every phase is bounded; a target that does not catch up in time is reported, never waited on forever.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { REPO_ROOT } from '../bench.config';
import { startSystem, type RunningSystem } from '../system.process';
import { outboundBenchConfig, type OutboundBenchConfig } from './outbound-bench.config';
import { bulk, type HubScim, hubScim, paced, percentile } from './outbound-load';

const HUB_MAIN = path.join(REPO_ROOT, 'services', 'hub', 'dist', 'main.js');
const ADMIN = `bench-admin-${randomBytes(8).toString('hex')}`;
const RUN = randomBytes(3).toString('hex');
const mark = (n: number) => `mark-${RUN}-${n}`;

async function main(): Promise<void> {
  const config = outboundBenchConfig(process.argv.slice(2), process.env);
  // Each change goes to a user no other change touches: a dispatcher that sends only a resource's latest state
  // could otherwise merge two marked changes into one, and the older mark would never be seen.
  if (config.burstChanges + config.steadyRate * config.steadySeconds > config.syncUsers) {
    throw new Error('OUTBOUND_BENCH_BURST + OUTBOUND_BENCH_RATE × OUTBOUND_BENCH_SECONDS must not exceed OUTBOUND_BENCH_USERS');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-outbound-'));
  const token = `bench-scim-${randomBytes(12).toString('hex')}`;
  const hub = await startSystem({
    script: HUB_MAIN,
    nodeArgs: ['--max-old-space-size=256'],
    cwd: REPO_ROOT,
    env: { HUB_HOST: '127.0.0.1', HUB_DATA_DIR: dataDir, HUB_ADMIN_TOKEN: ADMIN, HUB_BOOTSTRAP_TOKEN: token, HUB_LOG_LEVEL: 'warn' },
    portEnv: 'HUB_PORT',
    token,
    startTimeoutSec: 60,
  });
  const target = await startScimTarget();
  try {
    await measure(config, hub, target);
  } finally {
    await target.stop();
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(config: OutboundBenchConfig, hub: RunningSystem, target: ScimTarget): Promise<void> {
  const baseUrl = `http://127.0.0.1:${hub.port}`;
  const scim = hubScim(baseUrl, hub.token);
  print(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared, loaded: figures are indicative)`);
  print(`loading ${config.syncUsers} users into the hub (${config.writers} writers)…`);
  const ids: string[] = [];
  await bulk(config.syncUsers, config.writers, async (i) => {
    const res = await scim.request('POST', '/Users', user(i));
    ids[i] = res.body?.id;
    return res;
  });
  const syncStart = Date.now();
  await registerTarget(baseUrl, target);
  const synced = await waitFor(() => target.stats().then((s) => s.users >= config.syncUsers), config.catchUpTimeoutSec);
  report('initial sync', synced ? `${rate(config.syncUsers, Date.now() - syncStart)} users/s (${config.syncUsers} users in ${secs(Date.now() - syncStart)})` : `not done within ${config.catchUpTimeoutSec} s`);
  await burst(config, scim, target, ids);
  await steady(config, scim, target, ids);
}

async function burst(config: OutboundBenchConfig, scim: HubScim, target: ScimTarget, ids: string[]): Promise<void> {
  const since = (await target.stats()).requests;
  const start = Date.now();
  await bulk(config.burstChanges, config.writers, (i) => patchDisplayName(scim, ids[i % ids.length], mark(i)));
  const accepted = Date.now() - start;
  const wanted = new Set(Array.from({ length: config.burstChanges }, (_, i) => mark(i)));
  let last = 0;
  const done = await waitFor(async () => {
    for (const request of await target.requests(since)) {
      for (const m of request.marks ?? []) if (request.status < 300 && wanted.delete(m)) last = Math.max(last, request.doneAt ?? request.at);
    }
    return wanted.size === 0;
  }, config.catchUpTimeoutSec);
  report('burst', `hub accepted ${config.burstChanges} changes in ${secs(accepted)} (${rate(config.burstChanges, accepted)}/s)`);
  report('delivered changes/s', done ? `${rate(config.burstChanges, last - start)} (${config.burstChanges} changes, first write → last delivered ${secs(last - start)})` : `${wanted.size} of ${config.burstChanges} not delivered within ${config.catchUpTimeoutSec} s`);
}

async function steady(config: OutboundBenchConfig, scim: HubScim, target: ScimTarget, ids: string[]): Promise<void> {
  const count = config.steadyRate * config.steadySeconds;
  const offset = config.burstChanges;
  const since = (await target.stats()).requests;
  const acknowledged = await paced(count, config.steadyRate, (i) => patchDisplayName(scim, ids[(offset + i) % ids.length], mark(offset + i)));
  const seen = new Map<number, number>();
  await waitFor(async () => {
    for (const request of await target.requests(since)) {
      for (const m of request.marks ?? []) {
        const n = Number(m.split('-').at(-1)) - offset;
        if (request.status < 300 && acknowledged.has(n) && !seen.has(n)) seen.set(n, request.doneAt ?? request.at);
      }
    }
    return seen.size >= acknowledged.size;
  }, config.catchUpTimeoutSec);
  const latencies = [...seen].map(([n, at]) => at - (acknowledged.get(n) as number));
  report(
    `latency at ${config.steadyRate}/s for ${config.steadySeconds} s`,
    `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms ` +
      `(${seen.size} of ${acknowledged.size} acknowledged changes observed at the target; ${count - acknowledged.size} not acknowledged)`,
  );
}

async function registerTarget(baseUrl: string, target: ScimTarget): Promise<void> {
  const res = await fetch(`${baseUrl}/admin/targets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'bench', baseUrl: target.baseUrl, auth: { type: 'bearer', token: target.token }, concurrency: 8 }),
  });
  if (res.status !== 201) throw new Error(`POST /admin/targets answered ${res.status}: ${await res.text()}`);
  const status = await fetch(`${baseUrl}/admin/targets/bench/status`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (status.status !== 200) throw new Error(`GET /admin/targets/bench/status answered ${status.status}: ${await status.text()}`);
}

function user(i: number) {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `bench${i}@contoso.test`, externalId: `bench-${i}`, active: true, displayName: `Bench ${i}` };
}

function patchDisplayName(scim: HubScim, id: string, value: string) {
  return scim.request('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value }] });
}

async function waitFor(check: () => Promise<boolean>, timeoutSec: number): Promise<boolean> {
  const deadline = Date.now() + timeoutSec * 1000;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const rate = (count: number, ms: number) => Math.round((count * 1000) / Math.max(ms, 1)).toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const print = (line: string) => process.stdout.write(`${line}\n`);
const report = (what: string, figure: string) => print(`${what.padEnd(28)} ${figure}`);

main().catch((error) => {
  process.stderr.write(`bench:outbound: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
