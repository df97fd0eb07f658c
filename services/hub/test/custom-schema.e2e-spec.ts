// Custom extension schemas end to end (HUB_CUSTOM_SCHEMAS_FILE): the built hub creates, PATCHes (add, replace,
// remove, paths inside the extension URN) and filters them; and how attributes no schema defines are treated —
// ignored and named in the event's metadata by default, refused with HUB_SCHEMA_STRICT=true.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { entraGroup, entraUser } from './support/entra-bodies';
import { forEachStore } from './support/e2e-stores';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { filterQuery, patchOp, scimClient, type ScimClient } from './support/scim-client';

const ACME = 'urn:example:params:scim:schemas:extension:acme:2.0:User';
const SCHEMAS = [
  {
    id: ACME,
    name: 'AcmeUser',
    resourceTypes: ['User'],
    attributes: [
      { name: 'costCenter', type: 'string' },
      { name: 'clearance', type: 'integer' },
      { name: 'sites', type: 'string', multiValued: true },
    ],
  },
];
const TOKEN = 'e2e-token-' + randomUUID();

let schemaDir: string;
let schemaFile: string;
beforeAll(() => {
  schemaDir = mkdtempSync(join(tmpdir(), 'scim-hub-schemas-'));
  schemaFile = join(schemaDir, 'custom-schemas.json');
  writeFileSync(schemaFile, JSON.stringify(SCHEMAS));
});
afterAll(() => rmSync(schemaDir, { recursive: true, force: true }));

async function hubWith(env: Record<string, string>): Promise<{ hub: HubProcess; scim: ScimClient }> {
  const hub = await startHub({ HUB_CUSTOM_SCHEMAS_FILE: schemaFile, HUB_BOOTSTRAP_TOKEN: TOKEN, ...env });
  return { hub, scim: scimClient(hub.baseUrl, TOKEN) };
}

forEachStore((store) => {
  let hub: HubProcess;
  let scim: ScimClient;
  beforeAll(async () => ({ hub, scim } = await hubWith(await store.setUp())), 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  it('PATCH adds, replaces and removes custom extension attributes by URN path, extension object and path-less key', async () => {
    const created = await scim.post('/Users', entraUser('custom@acme.example', { [ACME]: { costCenter: 'CC-1' } }));
    expect(created.status).toBe(201);
    expect(created.body[ACME]).toEqual({ costCenter: 'CC-1' });
    const id = created.body.id;

    const add = await scim.patch(`/Users/${id}`, patchOp({ op: 'add', path: `${ACME}:clearance`, value: 3 }, { op: 'add', path: `${ACME}:sites`, value: ['Oslo'] }));
    expect(add.status).toBe(200);
    expect(add.body[ACME]).toEqual({ costCenter: 'CC-1', clearance: 3, sites: ['Oslo'] });
    expect(add.body.schemas).toContain(ACME);

    const replace = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: ACME, value: { schemas: [ACME], costCenter: 'CC-2' } }, { op: 'Replace', value: { [`${ACME}:clearance`]: 5 } }));
    expect(replace.body[ACME]).toEqual({ costCenter: 'CC-2', clearance: 5, sites: ['Oslo'] });
    expect((await scim.get(`/Users${filterQuery(`${ACME}:costCenter eq "cc-2"`)}`)).body.Resources.map((u: any) => u.id)).toEqual([id]);

    const remove = await scim.patch(`/Users/${id}`, patchOp({ op: 'remove', path: `${ACME}:costCenter` }, { op: 'remove', path: `${ACME}:sites[value eq "Oslo"]` }));
    expect(remove.body[ACME]).toEqual({ clearance: 5 });
    const whole = await scim.patch(`/Users/${id}`, patchOp({ op: 'remove', path: ACME }));
    expect(whole.status).toBe(200);
    expect((await scim.get(`/Users/${id}`)).body).not.toHaveProperty(ACME);
  });

  it('refuses a malformed value of a custom attribute with 400 invalidValue', async () => {
    const user = (await scim.post('/Users', entraUser('custom-bad@acme.example'))).body;
    const res = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'add', path: `${ACME}:clearance`, value: 'high' }));
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidValue');
  });
});

describe('attributes no schema defines (HUB_STORE=sqlite)', () => {
  let lenient: { hub: HubProcess; scim: ScimClient };
  let strict: { hub: HubProcess; scim: ScimClient };
  beforeAll(async () => {
    lenient = await hubWith({ HUB_STORE: 'sqlite' });
    strict = await hubWith({ HUB_STORE: 'sqlite', HUB_SCHEMA_STRICT: 'true' });
  }, 60_000);
  afterAll(async () => {
    for (const { hub } of [lenient, strict].filter(Boolean)) {
      await hub.stop();
      removeDataDir(hub.dataDir);
    }
  });

  function metadataOf(hub: HubProcess, streamId: string): Record<string, unknown>[] {
    const db = new Database(join(hub.dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT metadata FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as { metadata: string }[];
      return rows.map((r) => JSON.parse(r.metadata));
    } finally {
      db.close();
    }
  }

  it('by default ignores them and names them — never their values — in the metadata of the events', async () => {
    const { hub, scim } = lenient;
    const user = await scim.post('/Users', entraUser('ignored@acme.example', { favouriteColour: 'green-secret' }));
    expect(user.status).toBe(201);
    const patched = await scim.patch(`/Users/${user.body.id}`, patchOp({ op: 'replace', value: { shoeSize: 44, title: 'Lead' } }));
    expect(patched.status).toBe(200);
    const group = (await scim.post('/Groups', entraGroup('Ignored'))).body;
    const add = await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: user.body.id, displayName: 'Ignored' }] }));
    expect(add.status).toBe(204);

    const [created, updated] = metadataOf(hub, `default/User/${user.body.id}`);
    expect(created.ignoredAttributes).toEqual(['favouriteColour']);
    expect(JSON.stringify(created)).not.toContain('green-secret');
    expect(updated.ignoredAttributes).toEqual(['shoeSize']);
    expect(metadataOf(hub, `default/Group/${group.id}`)[1].ignoredAttributes).toEqual(['members.displayName']);
  });

  it('with HUB_SCHEMA_STRICT=true refuses them with 400 and writes nothing', async () => {
    const { scim } = strict;
    const refused = await scim.post('/Users', entraUser('strict@acme.example', { favouriteColour: 'green' }));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], scimType: 'invalidValue' });
    expect(refused.body.detail).toContain('favouriteColour');
    expect((await scim.get(`/Users${filterQuery('userName eq "strict@acme.example"')}`)).body.totalResults).toBe(0);
    const user = (await scim.post('/Users', entraUser('strict@acme.example'))).body;
    const patch = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', value: { shoeSize: 44 } }));
    expect(patch.status).toBe(400);
    expect(patch.body.scimType).toBe('invalidPath');
    // Entra's unmapped attributes arrive as null: they carry nothing and pass even when strict.
    expect((await scim.post('/Users', entraUser('strict-null@acme.example', { department: null }))).status).toBe(201);
  });
});
