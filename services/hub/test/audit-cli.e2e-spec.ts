// `scim-hub audit …` and `scim-hub erase user …` as a user runs them (bin/scim-hub.js → dist/cli.js) beside the
// built hub on the same HUB_DATA_DIR: erasure while the hub runs (the hub finishes the purge) and while it is
// stopped (the CLI brings the read model up to date and purges itself). Afterwards no value is in any file.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { until } from '@scim-hub/testing';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { patchOp, scimClient } from './support/scim-client';

const BIN = resolve(__dirname, '../bin/scim-hub.js');
const TOKEN = `cli-audit-${randomBytes(16).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'scim-hub-audit-cli-'));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, HUB_DATA_DIR: dataDir, DATABASE_URL: '', HUB_STORE: 'sqlite' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const valuesInFiles = (values: string[]) =>
  readdirSync(dataDir).flatMap((name) => {
    const bytes = readFileSync(join(dataDir, name));
    return values.filter((v) => bytes.includes(Buffer.from(v))).map((v) => `${v} in ${name}`);
  });

async function createUser(hub: HubProcess, tag: string) {
  const scim = scimClient(hub.baseUrl, TOKEN);
  const values = [`cli.${tag}@example.com`, `Given${tag}`, `Family${tag}`];
  const created = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: values[0], name: { givenName: values[1], familyName: values[2] } });
  expect(created.status).toBe(201);
  const patched = await scim.patch(`/Users/${created.body.id}`, patchOp({ op: 'replace', path: 'title', value: `Title${tag}` }));
  values.push(`Title${tag}`);
  return { id: created.body.id as string, requestId: patched.headers.get('x-request-id') as string, values: [...values, values[0].toLowerCase()] };
}

let hub: HubProcess;

beforeAll(async () => {
  if (!existsSync(resolve(__dirname, '../dist/cli.js'))) throw new Error('services/hub/dist is missing: run `npx nx run hub:build` first');
  hub = await startHub({ HUB_BOOTSTRAP_TOKEN: TOKEN }, dataDir);
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  removeDataDir(dataDir);
});

describe('scim-hub audit and erase', () => {
  let running: Awaited<ReturnType<typeof createUser>>;
  let stopped: Awaited<ReturnType<typeof createUser>>;

  it('shows history, a request and a past state while the hub runs', async () => {
    running = await createUser(hub, randomBytes(4).toString('hex'));
    const history = cli('audit', 'history', 'Users', running.id, '--json');
    expect(history.code).toBe(0);
    expect(JSON.parse(history.out).entries.map((e: { type: string }) => e.type)).toEqual(['UserCreated', 'UserUpdated']);
    const table = cli('audit', 'history', 'Users', running.id);
    expect(table.out.split('\n')[0]).toMatch(/^TIME\s+TYPE\s+RESOURCE\s+REV\s+ACTOR\s+REQUEST$/);
    const request = cli('audit', 'request', running.requestId, '--json');
    expect(JSON.parse(request.out).entries).toEqual([expect.objectContaining({ type: 'UserUpdated', resourceId: running.id })]);
    const at = cli('audit', 'at', 'Users', running.id, '--at', '0');
    expect(JSON.parse(at.out)).toMatchObject({ id: running.id, userName: running.values[0], meta: { version: 'W/"0"' } });
    expect(JSON.parse(cli('audit', 'list', '--type', 'UserUpdated', '--json').out).totalResults).toBe(1);
    expect(cli('audit', 'at', 'Users', running.id, '--at', 'soon').code).toBe(2);
  });

  it('erases while the hub runs; the hub drops the user and purges the freed bytes', async () => {
    const run = cli('erase', 'user', running.id);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining(`Erased user ${running.id} of tenant "default"`) });
    expect((await scimClient(hub.baseUrl, TOKEN).get(`/Users/${running.id}`)).status).toBe(404);
    await until(() => valuesInFiles(running.values).length === 0, 'no personal value in the data directory', 20_000, 50);
    const history = JSON.parse(cli('audit', 'history', 'Users', running.id, '--json').out);
    expect(history.entries.map((e: { type: string }) => e.type)).toEqual(['UserCreated', 'UserUpdated', 'UserDeleted', 'UserErased']);
    expect(history.entries.at(-1)).toMatchObject({ actor: 'cli', change: { userId: running.id, keyDestroyed: true } });
    expect(history.entries.slice(0, 3).map((e: { change: unknown }) => e.change)).toEqual([{ erased: true }, { erased: true }, { erased: true }]);
  });

  it('erases with the hub stopped: the CLI updates the read model and purges itself', async () => {
    stopped = await createUser(hub, randomBytes(4).toString('hex'));
    expect(await hub.stop()).toBe(0);
    expect(valuesInFiles(stopped.values).length).toBeGreaterThan(0);
    expect(cli('erase', 'user', stopped.id).code).toBe(0);
    expect(valuesInFiles([...stopped.values, ...running.values])).toEqual([]);
    expect(cli('erase', 'user', 'no-such-user')).toMatchObject({ code: 1, err: 'scim-hub: User no-such-user not found\n' });
  });
});
