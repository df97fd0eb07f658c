// The built CLI (bin/scim-hub.js → dist/cli.js) as a user runs it, against a temp HUB_DATA_DIR.
import { ACCESS_DB_FILE, SqliteTokenStore } from '@scim-hub/access/sqlite';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../bin/scim-hub.js');
const dataDir = mkdtempSync(join(tmpdir(), 'scim-hub-cli-'));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, HUB_DATA_DIR: dataDir, DATABASE_URL: '', HUB_STORE: 'sqlite' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve(__dirname, '../dist/cli.js'))) throw new Error('services/hub/dist/cli.js is missing: run `npx nx run hub:build` first');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('scim-hub tokens', () => {
  let id: string;
  let token: string;

  it('creates a token, printed once, stored in <HUB_DATA_DIR>/access.db as a working hash', async () => {
    const run = cli('tokens', 'create', '--tenant', 'acme', '--label', 'entra prod');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Created token tok_[0-9a-f]{16} for tenant "acme" \(entra prod\)\./);
    token = /\n {2}(scimhub_\S+)\n/.exec(run.out)![1];
    id = /(tok_[0-9a-f]{16})/.exec(run.out)![1];
    const store = SqliteTokenStore.open(join(dataDir, ACCESS_DB_FILE));
    expect(await store.verify(token)).toEqual({ tenant: 'acme', tokenId: id });
    await store.close();
  });

  it('creates with --json for scripts', () => {
    const run = cli('tokens', 'create', '--tenant=globex', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ tenant: 'globex', label: '', token: expect.stringMatching(/^scimhub_/) });
  });

  it('lists tokens without their secrets, optionally by tenant', () => {
    const all = cli('tokens', 'list');
    expect(all.code).toBe(0);
    expect(all.out.split('\n')[0]).toMatch(/^ID\s+TENANT\s+STATUS\s+CREATED\s+LABEL$/);
    expect(all.out).toContain(id);
    expect(all.out).toContain('globex');
    expect(all.out).not.toContain(token);
    const acme = JSON.parse(cli('tokens', 'list', '--tenant', 'acme', '--json').out);
    expect(acme).toEqual([{ id, tenant: 'acme', label: 'entra prod', createdAt: expect.any(String) }]);
  });

  it('revokes a token; revoking it again fails with exit 1', async () => {
    const run = cli('tokens', 'revoke', id);
    expect(run).toMatchObject({ code: 0, out: `Revoked token ${id}.\n` });
    expect(cli('tokens', 'list', '--tenant', 'acme').out).toMatch(new RegExp(`${id}\\s+acme\\s+revoked `));
    const store = SqliteTokenStore.open(join(dataDir, ACCESS_DB_FILE));
    expect(await store.verify(token)).toBeUndefined();
    await store.close();
    const again = cli('tokens', 'revoke', id);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`token ${id} not found or already revoked`);
  });

  it.each([
    [['tokens', 'create'], 'tokens create needs --tenant <tenant>'],
    [['tokens', 'create', '--tenant', 'Acme Corp'], '--tenant must be lowercase letters'],
    [['tokens', 'revoke'], 'tokens revoke needs exactly one token id'],
    [['tokens', 'rotate'], 'unknown tokens command "rotate"'],
    [['users', 'list'], 'unknown command "users"'],
    [['tokens', 'list', '--verbose'], "Unknown option '--verbose'"],
    [[], 'usage: scim-hub'],
  ])('exits 2 with usage for %j', (args, message) => {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.err + run.out).toContain(message);
    expect(run.err + run.out).toContain('usage: scim-hub');
  });

  it('prints usage with --help and exits 0', () => {
    expect(cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('tokens create --tenant <tenant>') });
  });

  it('exits 1 naming the variable when the configuration is invalid', () => {
    const run = spawnSync(process.execPath, [BIN, 'tokens', 'list'], {
      env: { ...process.env, HUB_DATA_DIR: dataDir, HUB_STORE: 'postgres', DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL is required when HUB_STORE=postgres');
  });
});
