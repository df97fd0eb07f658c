// GDPR erasure end to end, in-process hub over real HTTP: after POST /admin/erasure/Users/{id} none of the
// user's attribute values is in any file of the data directory (SQLite, incl. -wal/-shm) or in a pg_dump,
// while the audit trail still lists every event, its data read as erased.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { protectPersonalData } from '@scim-hub/audit';
import { loadConfig } from '@scim-hub/platform';
import { rebuildReadModel } from '@scim-hub/read-model';
import { openSqliteReadModel } from '@scim-hub/read-model/sqlite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openKeyStore } from '../src/compose/audit-storage.composition';
import { openEventStore } from '../src/compose/storage.composition';
import { until } from '@scim-hub/testing';
import { forEachStore } from './support/e2e-stores';
import { startInProcessHub, type InProcessHub } from './support/in-process-hub';
import { patchOp } from './support/scim-client';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function personalValues() {
  const tag = randomBytes(5).toString('hex');
  return {
    userName: `Erin.Example.${tag}@Example.com`,
    givenName: `Erinvaldo${tag}`,
    familyName: `Shreddington${tag}`,
    displayName: `Erin Shredded ${tag}`,
    workEmail: `erin.work.${tag}@example.org`,
    externalId: `ext-${tag}-object-id`,
    phone: `+31 6 ${tag.slice(0, 4)} 99 ${tag.slice(4)}`,
    employeeNumber: `EMP${tag}X`,
    renamedGiven: `Renamed${tag}`,
    newTitle: `Chief Forgetting Officer ${tag}`,
  };
}

function userBody(v: ReturnType<typeof personalValues>) {
  return {
    schemas: [USER, ENTERPRISE],
    userName: v.userName,
    externalId: v.externalId,
    name: { givenName: v.givenName, familyName: v.familyName },
    displayName: v.displayName,
    emails: [{ value: v.workEmail, type: 'work', primary: true }],
    phoneNumbers: [{ value: v.phone, type: 'mobile' }],
    active: true,
    [ENTERPRISE]: { employeeNumber: v.employeeNumber },
  };
}

/** Every value (and the lower-cased userName the uniqueness check uses) that must be gone. */
const needles = (v: ReturnType<typeof personalValues>) => [...Object.values(v), v.userName.toLowerCase()];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function findInFiles(dir: string, values: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const value of values) if (bytes.includes(Buffer.from(value, 'utf8'))) found.push(`${value} in ${file}`);
  }
  return found;
}

function pgDump(databaseUrl: string): string {
  const name = new URL(databaseUrl).pathname.slice(1);
  const dump = spawnSync('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', name], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
  return dump.stdout;
}

forEachStore((store) => {
  let hub: InProcessHub;
  let env: Record<string, string>;
  const values = personalValues();
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    env = await store.setUp();
    hub = await startInProcessHub(env);
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
    await store.tearDown();
  });

  it('writes the user through SCIM: create, PATCH, PUT, group membership', async () => {
    const created = await hub.scim.post('/Users', userBody(values));
    expect(created.status).toBe(201);
    userId = created.body.id;
    const patched = await hub.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'title', value: values.newTitle }));
    expect(patched.status).toBe(200);
    const put = await hub.scim.put(`/Users/${userId}`, { ...userBody(values), name: { givenName: values.renamedGiven, familyName: values.familyName } });
    expect(put.status).toBe(200);
    const group = await hub.scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Erasure group ${userId}` });
    groupId = group.body.id;
    // Entra ID sends only the id; other SCIM clients may send the member's name as `display`, which is personal.
    const member = { value: userId, display: values.displayName };
    expect([200, 204]).toContain((await hub.scim.patch(`/Groups/${groupId}`, patchOp({ op: 'add', path: 'members', value: [member] }))).status);
    const history = await hub.admin('GET', `/audit/Users/${userId}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain(values.givenName);
    // The audit index follows the log a moment behind the answer.
    const changes = async () => ((await hub.admin('GET', `/audit/Groups/${groupId}/history`)).body.entries ?? []).map((e: { change: unknown }) => e.change);
    await until(async () => (await changes()).length === 2, 'the member addition indexed');
    expect(await changes()).toContainEqual({ members: [{ ...member, type: 'User' }] });
  });

  it('erases: 200 with the outcome, the user is gone from SCIM and from its group', async () => {
    const erased = await hub.admin('POST', `/erasure/Users/${userId}`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ tenant: 'default', id: userId, keyDestroyed: true });
    expect((await hub.scim.get(`/Users/${userId}`)).status).toBe(404);
    const group = await hub.scim.get(`/Groups/${groupId}`);
    expect(group.body.members ?? []).toEqual([]);
    expect((await hub.scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${values.userName}"`)}`)).body.totalResults).toBe(0);
  });

  it('keeps the non-personal facts: every event, when, by whom; the data reads as erased', async () => {
    const history = await hub.admin('GET', `/audit/Users/${userId}/history`);
    expect(history.status).toBe(200);
    const types = history.body.entries.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('UserCreated');
    expect(types).toEqual(expect.arrayContaining(['UserUpdated', 'UserDeleted', 'UserErased']));
    for (const entry of history.body.entries.filter((e: { stream: string }) => e.stream.startsWith('default/User/'))) {
      expect(entry.change).toEqual({ erased: true });
      expect(entry.actor).toEqual(expect.any(String));
      expect(entry.time).toEqual(expect.any(String));
    }
    expect(history.body.entries.at(-1)).toMatchObject({ type: 'UserErased', actor: 'admin', change: { userId, keyDestroyed: true } });
    for (const value of needles(values)) expect(history.text).not.toContain(value);
    const at = await hub.admin('GET', `/audit/Users/${userId}?at=0`);
    expect(at.status).toBe(200);
    expect(at.body).toMatchObject({ id: userId, erased: true, meta: { version: 'W/"0"' } });
    expect(at.text).not.toContain(values.userName);
  });

  it("keeps the user's membership in the group's history by id, without the display text the client sent", async () => {
    const groupHistory = await hub.admin('GET', `/audit/Groups/${groupId}/history`);
    expect(groupHistory.status).toBe(200);
    expect(groupHistory.body.entries.map((e: { change: unknown }) => e.change)).toContainEqual({ members: [{ value: userId, type: 'User' }] });
    for (const value of needles(values)) expect(groupHistory.text).not.toContain(value);
  });

  it('a read model rebuilt from the log after the erasure has the group but not the user', async () => {
    const config = loadConfig({ ...env, HUB_DATA_DIR: hub.dataDir });
    const raw = await openEventStore(config);
    const keys = await openKeyStore(config);
    const dir = mkdtempSync(join(tmpdir(), 'scim-hub-rebuild-'));
    const readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
    try {
      expect(await rebuildReadModel(await protectPersonalData(raw, keys), readModel)).toBeGreaterThan(0);
      expect(await readModel.getResource('default', 'User', userId, { includeMembers: false })).toBeUndefined();
      expect(await readModel.getResource('default', 'Group', groupId, { includeMembers: true })).toMatchObject({ resource: { id: groupId } });
      expect((await readModel.getResource('default', 'Group', groupId, { includeMembers: true }))?.resource['members']).toBeUndefined();
    } finally {
      await Promise.all([readModel.close(), keys.close(), raw.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('erasing again is allowed and recorded; the key was already gone', async () => {
    const again = await hub.admin('POST', `/erasure/Users/${userId}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: userId, keyDestroyed: false });
    const erasures = async () => (await hub.admin('GET', `/audit?actor=admin&type=UserErased`)).body.entries.filter((e: { resourceId: string }) => e.resourceId === userId);
    // The audit index follows the log a moment behind the answer.
    await until(async () => (await erasures()).length === 2, 'second UserErased indexed');
    expect((await erasures()).map((e: { change: unknown }) => e.change)).toEqual([{ userId, keyDestroyed: true }, { userId, keyDestroyed: false }]);
  });

  it('an erasure of an unknown user is a 404 SCIM error', async () => {
    const res = await hub.admin('POST', '/erasure/Users/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });

  if (store.name.includes('sqlite')) {
    it('leaves none of the values in any file of the data directory (incl. -wal and -shm)', () => {
      expect(filesUnder(hub.dataDir).some((f) => f.endsWith('read-model.db'))).toBe(true);
      expect(findInFiles(hub.dataDir, needles(values))).toEqual([]);
    });
  } else {
    it('leaves none of the values in a pg_dump of the database', () => {
      const dump = pgDump(env['DATABASE_URL']);
      expect(dump).toContain('subject_keys');
      expect(needles(values).filter((value) => dump.includes(value))).toEqual([]);
    });
  }
}, { kafka: true });
