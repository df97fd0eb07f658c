// The audit API over real HTTP against an in-process hub (SQLite): history, point in time, per request,
// changes over time, errors; and /admin/openapi.json, valid and covering every /admin route.
import Ajv from 'ajv';
import { rmSync } from 'node:fs';
import { until } from '@scim-hub/testing';
import { registeredRoutes } from './support/registered-routes';
import { startInProcessHub, type InProcessHub } from './support/in-process-hub';
import { patchOp } from './support/scim-client';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let hub: InProcessHub;
let userId: string;
let groupId: string;
const requestId = `req-audit-${Date.now()}`;

beforeAll(async () => {
  hub = await startInProcessHub({ HUB_STORE: 'sqlite' });
  userId = (await hub.scim.post('/Users', { schemas: [USER], userName: `audit.${Date.now()}@example.com`, title: 'One' })).body.id;
  await hub.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'title', value: 'Two' }), { 'x-request-id': requestId, 'user-agent': 'audit-test/1' });
  groupId = (await hub.scim.post('/Groups', { schemas: [GROUP], displayName: `audit group ${Date.now()}`, members: [{ value: userId }] })).body.id;
  expect((await hub.scim.delete(`/Users/${userId}`)).status).toBe(204);
  // The audit index is a projection: wait until it has seen the delete.
  await until(async () => (await hub.admin('GET', `/audit/Users/${userId}/history`)).body?.totalResults === 3, 'audit index caught up');
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
});

describe('GET /admin/audit/{Users|Groups}/{id}/history', () => {
  it('lists a deleted user’s events oldest first with metadata and the change', async () => {
    const res = await hub.admin('GET', `/audit/Users/${userId}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 3 });
    expect(res.body.entries.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual([
      ['UserCreated', 0],
      ['UserUpdated', 1],
      ['UserDeleted', 2],
    ]);
    expect(res.body.entries[1]).toMatchObject({
      tenant: 'default',
      resourceType: 'User',
      resourceId: userId,
      requestId,
      userAgent: 'audit-test/1',
      clientAddress: '127.0.0.1',
      actor: expect.any(String),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      position: expect.stringMatching(/^\d+:\d+$/),
      change: { changes: [{ attribute: 'title', value: 'Two' }] },
    });
  });

  it('pages with startIndex and count', async () => {
    const res = await hub.admin('GET', `/audit/Users/${userId}/history?startIndex=2&count=1`);
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, entries: [{ type: 'UserUpdated' }] });
  });

  it('serves group history', async () => {
    const res = await hub.admin('GET', `/audit/Groups/${groupId}/history`);
    expect(res.status).toBe(200);
    expect(res.body.entries[0]).toMatchObject({ type: 'GroupCreated', change: { members: [{ value: userId }] } });
  });

  it.each([
    [`/audit/Users/unknown-id/history`, 404],
    [`/audit/Users/${'x'}/history?tenant=Bad%20Tenant`, 400],
    [`/audit/Users/x/history?count=abc`, 400],
  ])('%s → %i SCIM error', async (path, status) => {
    const res = await hub.admin('GET', path);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  });
});

describe('GET /admin/audit/{Users|Groups}/{id}?at=', () => {
  it('rebuilds the user at a revision in SCIM form with meta', async () => {
    const res = await hub.admin('GET', `/audit/Users/${userId}?at=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [USER], id: userId, title: 'Two', meta: { resourceType: 'User', version: 'W/"1"' } });
    expect(res.body.meta.location).toBe(`${hub.baseUrl.replace('127.0.0.1', 'localhost')}/scim/v2/Users/${userId}`);
  });

  it('rebuilds at a time', async () => {
    const created = (await hub.admin('GET', `/audit/Users/${userId}/history`)).body.entries[0].time;
    const res = await hub.admin('GET', `/audit/Users/${userId}?at=${encodeURIComponent(created)}`);
    expect(res.body).toMatchObject({ title: 'One', meta: { version: 'W/"0"' } });
  });

  it.each([
    ['after the delete', `/audit/Users/${'{id}'}?at=2`, 404],
    ['before it existed', `/audit/Users/{id}?at=2000-01-01T00:00:00Z`, 404],
    ['an unknown resource', '/audit/Groups/nope?at=0', 404],
    ['a bad at', '/audit/Users/{id}?at=yesterday', 400],
    ['a missing at', '/audit/Users/{id}', 400],
  ])('answers %s with a SCIM error', async (_name, path, status) => {
    const res = await hub.admin('GET', path.replace('{id}', userId));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  });
});

describe('GET /admin/audit/requests/{requestId} and /admin/audit', () => {
  it('lists what one request changed', async () => {
    const res = await hub.admin('GET', `/audit/requests/${requestId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ requestId, entries: [expect.objectContaining({ type: 'UserUpdated', resourceId: userId })] });
    expect((await hub.admin('GET', '/audit/requests/never-seen')).status).toBe(404);
  });

  it('lists changes over time with filters', async () => {
    const all = await hub.admin('GET', '/audit?tenant=default&count=1000');
    expect(all.body.entries.map((e: { type: string }) => e.type)).toEqual(['UserCreated', 'UserUpdated', 'GroupCreated', 'UserDeleted']);
    const groups = await hub.admin('GET', '/audit?type=Group');
    expect(groups.body.entries.every((e: { resourceType: string }) => e.resourceType === 'Group')).toBe(true);
    const since = all.body.entries.at(-1).time;
    const late = await hub.admin('GET', `/audit?since=${encodeURIComponent(since)}&type=UserDeleted`);
    expect(late.body.entries.map((e: { resourceId: string }) => e.resourceId)).toEqual([userId]);
    const none = await hub.admin('GET', `/audit?actor=nobody`);
    expect(none.body).toMatchObject({ totalResults: 0, entries: [] });
    expect((await hub.admin('GET', '/audit?since=not-a-time')).status).toBe(400);
  });

  it('needs the admin token', async () => {
    expect((await hub.admin('GET', '/audit', {})).status).toBe(401);
    expect((await hub.admin('GET', `/audit/Users/${userId}/history`, { authorization: 'Bearer wrong' })).status).toBe(401);
  });
});

describe('GET /admin/openapi.json', () => {
  it('needs the admin token', async () => {
    expect((await hub.admin('GET', '/openapi.json', {})).status).toBe(401);
  });

  it('is an OpenAPI 3 document whose schemas compile and whose $refs resolve', async () => {
    const doc = (await hub.admin('GET', '/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const declared = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(operations)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(op).toEqual(expect.objectContaining({ operationId: expect.any(String), responses: expect.any(Object) }));
        const inPath = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string; required: boolean }) => (expect(p.required).toBe(true), p.name));
        expect({ path, params: inPath.sort() }).toEqual({ path, params: declared });
      }
    }
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) expect(doc.components.schemas).toHaveProperty(ref[1]);
    expect(() => ajv.compile({ $ref: '#/components/schemas/AuditEntryPage' })).not.toThrow();
  });

  it('documents exactly the /admin routes the app registers', async () => {
    const doc = (await hub.admin('GET', '/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = registeredRoutes(hub.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }), '/admin');
    expect(routes).toContain('POST /admin/erasure/Users/{id}');
    expect(documented.sort()).toEqual(routes);
  });
});
