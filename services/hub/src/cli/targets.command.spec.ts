import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { MemoryTokenStore } from '@scim-hub/access/memory';
import { SecretCipher, TargetRegistry } from '@scim-hub/targets';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';
import type { TargetsDeps } from './targets.command';

const ADMIN = 'admin-token-'.padEnd(32, 'z');

function harness(env: Record<string, string> = {}) {
  const store = createInMemoryEventStore();
  const cipher = new SecretCipher(randomBytes(32));
  const requests: { url: string; method?: string; auth?: string }[] = [];
  const deps: TargetsDeps = {
    openRegistry: async () => {
      const registry = await TargetRegistry.open(store, cipher);
      return { registry, close: () => registry.close() };
    },
    adminApi: async (input, init) => {
      requests.push({ url: String(input), method: init?.method, auth: (init?.headers as Record<string, string>).authorization });
      return new Response(JSON.stringify({ id: 't1', parked: 0 }), { status: 200 });
    },
  };
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  const run = (...argv: string[]) => runCli(argv, env, io, async () => new MemoryTokenStore(), deps);
  return { store, io, run, requests };
}

describe('scim-hub targets', () => {
  it('adds, lists, shows and removes targets on the store, never printing the token', async () => {
    const { store, io, run } = harness();
    const token = 'the-downstream-token-1234';
    expect(await run('targets', 'add', '--id', 't1', '--base-url', 'http://127.0.0.1:1/scim/v2', '--token', token, '--tenant', 'acme')).toBe(0);
    expect(io.stdout).toBe('Added target t1 (tenant acme) → http://127.0.0.1:1/scim/v2.\n');
    expect((await store.readStream('acme/Target/t1'))[0].metadata).toMatchObject({ actor: 'cli', tenant: 'acme' });
    io.stdout = '';
    expect(await run('targets', 'list')).toBe(0);
    expect(io.stdout).toMatch(/^ID\s+TENANT\s+ENABLED\s+TYPES\s+BASE URL\nt1\s+acme\s+true\s+Users,Groups\s+http:\/\/127.0.0.1:1\/scim\/v2\n$/);
    io.stdout = '';
    expect(await run('targets', 'show', 't1')).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ id: 't1', auth: { type: 'bearer', token: '…1234' } });
    expect(io.stdout).not.toContain(token);
    expect(await run('targets', 'remove', 't1')).toBe(0);
    expect(await run('targets', 'show', 't1')).toBe(1);
    expect(io.stderr).toBe('scim-hub: target t1 not found\n');
  });

  it('adds a whole body from --file, the flags overriding its fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'targets-cli-'));
    const file = join(dir, 'body.json');
    writeFileSync(file, JSON.stringify({ id: 'ignored', baseUrl: 'https://app.example.com/scim', auth: { type: 'bearer', token: 'x'.repeat(20) }, onDeprovision: 'delete' }));
    const { io, run } = harness();
    expect(await run('targets', 'add', '--file', file, '--id', 'app', '--json')).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ id: 'app', onDeprovision: 'delete' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a wrong body with exit 2 naming the field, and a duplicate id with exit 1', async () => {
    const { io, run } = harness();
    expect(await run('targets', 'add', '--id', 't1', '--base-url', 'nope', '--token', 'tok')).toBe(2);
    expect(io.stderr).toMatch(/^scim-hub: baseUrl must be an http\(s\) URL/);
    expect(await run('targets', 'add', '--id', 't1', '--base-url', 'http://h/scim', '--token', 'tok')).toBe(0);
    expect(await run('targets', 'add', '--id', 't1', '--base-url', 'http://h/scim', '--token', 'tok')).toBe(1);
    expect(await run('targets', 'add', '--id', 't2')).toBe(2);
  });

  it('asks the running hub for live commands, with the admin token', async () => {
    const { io, run, requests } = harness({ HUB_ADMIN_TOKEN: ADMIN, HUB_PUBLIC_URL: 'http://127.0.0.1:8181' });
    expect(await run('targets', 'status', 't1')).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ id: 't1', parked: 0 });
    await run('targets', 'parked', 't1');
    await run('targets', 'redrive', 't1', '--resource', 'u 1');
    await run('targets', 'reconcile', 't1', '--dry-run');
    await run('targets', 'reconcile', 't1');
    expect(requests).toEqual([
      { url: 'http://127.0.0.1:8181/admin/targets/t1/status', method: 'GET', auth: `Bearer ${ADMIN}` },
      { url: 'http://127.0.0.1:8181/admin/targets/t1/parked', method: 'GET', auth: `Bearer ${ADMIN}` },
      { url: 'http://127.0.0.1:8181/admin/targets/t1/parked/redrive?resource=u%201', method: 'POST', auth: `Bearer ${ADMIN}` },
      { url: 'http://127.0.0.1:8181/admin/targets/t1/reconcile?dryRun=true', method: 'POST', auth: `Bearer ${ADMIN}` },
      { url: 'http://127.0.0.1:8181/admin/targets/t1/reconcile?dryRun=false', method: 'POST', auth: `Bearer ${ADMIN}` },
    ]);
  });

  it('says what is missing for live commands without HUB_ADMIN_TOKEN', async () => {
    const { io, run } = harness();
    expect(await run('targets', 'status', 't1')).toBe(2);
    expect(io.stderr).toContain('targets status asks the running hub: set HUB_ADMIN_TOKEN');
  });
});
