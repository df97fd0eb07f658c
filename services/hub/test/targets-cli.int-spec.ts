// The built CLI's `targets` commands with no hub running: configuration goes to <HUB_DATA_DIR>/events.db as
// events (credentials sealed with the generated key), live commands say that they need the running hub.
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../bin/scim-hub.js');
const dataDir = mkdtempSync(join(tmpdir(), 'scim-hub-targets-cli-'));
const TOKEN = 'cli-target-token-0123456789abcdef';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, HUB_DATA_DIR: dataDir, DATABASE_URL: '', HUB_STORE: 'sqlite', HUB_SECRETS_KEY: '', HUB_ADMIN_TOKEN: 'admin-token-for-cli-test', HUB_PUBLIC_URL: 'http://127.0.0.1:9' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve(__dirname, '../dist/cli.js'))) throw new Error('services/hub/dist/cli.js is missing: run `npx nx run hub:build` first');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('scim-hub targets (hub stopped)', () => {
  it('adds a target as a TargetAdded event, the token sealed in events.db', async () => {
    const run = cli('targets', 'add', '--id', 'crm', '--tenant', 'acme', '--base-url', 'https://127.0.0.1:9/scim/v2/', '--token', TOKEN);
    expect(run).toMatchObject({ code: 0, out: 'Added target crm (tenant acme) → https://127.0.0.1:9/scim/v2.\n' });
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(true);
    const store = await openSqliteEventStore({ file: join(dataDir, 'events.db') });
    const [event] = await store.readStream('acme/Target/crm');
    await store.close();
    expect(event).toMatchObject({ type: 'TargetAdded', metadata: { actor: 'cli', tenant: 'acme' }, data: { target: { auth: { type: 'bearer', token: { alg: 'A256GCM' } } } } });
    for (const file of ['events.db', 'events.db-wal'].filter((f) => existsSync(join(dataDir, f)))) {
      expect(readFileSync(join(dataDir, file)).includes(TOKEN)).toBe(false);
    }
  });

  it('adds from --file, lists, shows (masked) and removes', () => {
    const body = join(dataDir, 'body.json');
    writeFileSync(body, JSON.stringify({ id: 'hr', baseUrl: 'http://127.0.0.1:9/scim', auth: { type: 'oauth2', tokenUrl: 'http://127.0.0.1:9/t', clientId: 'c', clientSecret: TOKEN } }));
    expect(cli('targets', 'add', '--file', body).code).toBe(0);
    const list = cli('targets', 'list');
    expect(list.out.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^ID\s+TENANT\s+ENABLED\s+TYPES\s+BASE URL$/),
      expect.stringMatching(/^crm\s+acme\s+true\s+Users,Groups\s+https:\/\/127\.0\.0\.1:9\/scim\/v2$/),
      expect.stringMatching(/^hr\s+default\s+true\s+Users,Groups\s+http:\/\/127\.0\.0\.1:9\/scim$/),
    ]);
    const show = cli('targets', 'show', 'hr');
    expect(JSON.parse(show.out).auth).toEqual({ type: 'oauth2', tokenUrl: 'http://127.0.0.1:9/t', clientId: 'c', clientSecret: '…cdef' });
    expect(cli('targets', 'list', '--tenant', 'acme', '--json').out).not.toContain(TOKEN);
    expect(cli('targets', 'remove', 'hr')).toMatchObject({ code: 0, out: 'Removed target hr.\n' });
    expect(cli('targets', 'remove', 'hr')).toMatchObject({ code: 1, err: 'scim-hub: target hr not found\n' });
  });

  it('refuses a wrong body with exit 2 naming the field', () => {
    const run = cli('targets', 'add', '--id', 'x', '--base-url', 'https://h/scim', '--token', TOKEN, '--tenant', 'Not A Tenant');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^scim-hub: tenant must be lowercase letters/);
  });

  it('reports that live commands need the running hub', () => {
    const run = cli('targets', 'status', 'crm');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^scim-hub: cannot reach the hub at http:\/\/127\.0\.0\.1:9 \(HUB_PUBLIC_URL\)/);
  });
});
