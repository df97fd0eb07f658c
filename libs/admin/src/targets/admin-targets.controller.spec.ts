import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { PlatformModule, createHttpApp, createLogger, loadConfig } from '@scim-hub/platform';
import { ERROR_SCHEMA } from '@scim-hub/scim';
import { type OutboundControl, SecretCipher, TargetRegistry } from '@scim-hub/targets';
import type { InjectOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AdminTargetsModule } from './admin-targets.module';

const ADMIN = 'admin-secret-'.padEnd(40, 'x');
const TOKEN = 'downstream-bearer-token-9876';
const auth = { authorization: `Bearer ${ADMIN}` };
const minimal = (id = 't1') => ({ id, baseUrl: 'http://127.0.0.1:9999/scim/v2', auth: { type: 'bearer', token: TOKEN } });

async function startAdmin(control?: OutboundControl) {
  const config = loadConfig({ HUB_ADMIN_TOKEN: ADMIN });
  const logger = createLogger('silent');
  const store = createInMemoryEventStore();
  const registry = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)));
  @Module({ imports: [PlatformModule.forRoot({ config, logger }), AdminTargetsModule.forRoot({ registry, control })] })
  class TestModule {}
  const app = await createHttpApp(TestModule, config, { logger });
  const call = (opts: InjectOptions) => app.getHttpAdapter().getInstance().inject(opts);
  return { app, store, registry, call };
}

describe('/admin/targets', () => {
  let app: NestFastifyApplication;
  let call: Awaited<ReturnType<typeof startAdmin>>['call'];
  let store: Awaited<ReturnType<typeof startAdmin>>['store'];
  let registry: TargetRegistry;

  beforeAll(async () => ({ app, call, store, registry } = await startAdmin()));
  afterAll(async () => {
    await app.close();
    await registry.close();
    await store.close();
  });

  it('answers 401 without the admin token', async () => {
    const res = await call({ method: 'GET', url: '/admin/targets' });
    expect(res.statusCode).toBe(401);
  });

  it('adds the minimal body with defaults (201), the token masked, the event audited', async () => {
    const res = await call({ method: 'POST', url: '/admin/targets', headers: { ...auth, 'user-agent': 'ops-script' }, payload: minimal() });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(TOKEN);
    expect(res.json()).toMatchObject({
      id: 't1',
      tenant: 'default',
      auth: { type: 'bearer', token: '…9876' },
      resourceTypes: ['Users', 'Groups'],
      matchBy: ['userName', 'externalId'],
      onDeprovision: 'disable',
      concurrency: 4,
      enabled: true,
    });
    const [event] = await store.readStream('default/Target/t1');
    expect(event.metadata).toMatchObject({ actor: 'admin', requestId: expect.any(String), userAgent: 'ops-script' });
  });

  it('answers 409 for an id that exists', async () => {
    const res = await call({ method: 'POST', url: '/admin/targets', headers: auth, payload: { ...minimal(), tenant: 'acme' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
  });

  it.each([
    ['a wrong baseUrl', { ...minimal('x1'), baseUrl: 'localhost:80' }, 'baseUrl must be an http(s) URL'],
    ['a wrong auth type', { ...minimal('x2'), auth: { type: 'basic' } }, 'auth.type must be bearer or oauth2'],
    ['a wrong filter', { ...minimal('x3'), scope: { userFilter: 'userName eq' } }, 'scope.userFilter is not a valid SCIM filter: '],
  ])('refuses %s with 400 invalidValue naming the field', async (_name, payload, detail) => {
    const res = await call({ method: 'POST', url: '/admin/targets', headers: auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue', detail: expect.stringContaining(detail) });
  });

  it('refuses a body that is not an object with 400 invalidSyntax', async () => {
    const res = await call({ method: 'POST', url: '/admin/targets', headers: { ...auth, 'content-type': 'application/json' }, payload: '[1]' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax', detail: 'body must be an object' });
  });

  it('lists (by tenant) and shows targets without secrets', async () => {
    await call({ method: 'POST', url: '/admin/targets', headers: auth, payload: { ...minimal('a1'), tenant: 'acme' } });
    const all = await call({ method: 'GET', url: '/admin/targets', headers: auth });
    expect(all.json().targets.map((t: { id: string }) => t.id)).toEqual(['a1', 't1']);
    expect(all.body).not.toContain(TOKEN);
    const acme = await call({ method: 'GET', url: '/admin/targets?tenant=acme', headers: auth });
    expect(acme.json().targets.map((t: { id: string }) => t.id)).toEqual(['a1']);
    expect((await call({ method: 'GET', url: '/admin/targets?tenant=A%2FB', headers: auth })).statusCode).toBe(400);
    const one = await call({ method: 'GET', url: '/admin/targets/t1', headers: auth });
    expect(one.json()).toMatchObject({ id: 't1', meta: { version: 0 } });
  });

  it('replaces with PUT, keeping the secret a GET answer sent back leaves out', async () => {
    const current = (await call({ method: 'GET', url: '/admin/targets/t1', headers: auth })).json();
    const { meta: _meta, ...editable } = current;
    const res = await call({ method: 'PUT', url: '/admin/targets/t1', headers: auth, payload: { ...editable, auth: { type: 'bearer' }, concurrency: 2 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ concurrency: 2, auth: { token: '…9876' }, meta: { version: 1 } });
    const masked = await call({ method: 'PUT', url: '/admin/targets/t1', headers: auth, payload: editable });
    expect(masked.statusCode).toBe(400);
    expect(masked.json().detail).toContain('auth.token is a masked value');
    const otherId = await call({ method: 'PUT', url: '/admin/targets/t1', headers: auth, payload: { ...minimal('t2') } });
    expect(otherId.json()).toMatchObject({ status: '400', detail: expect.stringContaining('id must equal the id in the path') });
  });

  it('removes with 204, then 404', async () => {
    expect((await call({ method: 'DELETE', url: '/admin/targets/a1', headers: auth })).statusCode).toBe(204);
    for (const [method, url] of [['GET', '/admin/targets/a1'], ['DELETE', '/admin/targets/a1'], ['PUT', '/admin/targets/a1']] as const) {
      const res = await call({ method, url, headers: auth, ...(method === 'PUT' ? { payload: minimal('a1') } : {}) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    }
  });

  it('answers 503 on control endpoints when no engine runs, 404 for an unknown target', async () => {
    const res = await call({ method: 'GET', url: '/admin/targets/t1/status', headers: auth });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503', detail: 'the outbound engine is not running in this hub' });
    expect((await call({ method: 'GET', url: '/admin/targets/nope/status', headers: auth })).statusCode).toBe(404);
  });
});

describe('/admin/targets/{id} control endpoints', () => {
  const calls: unknown[][] = [];
  const control: OutboundControl = {
    status: async (id) => (calls.push(['status', id]), { id, enabled: true, lag: { events: 0, seconds: 0 }, inFlight: 0, parked: 1, quarantine: { quarantined: false } }),
    resourceStatus: async (id, type, rid) => (calls.push(['resource', id, type, rid]), rid === 'u1' ? { resourceType: type, id: rid, delivered: true, targetId: 'x-1' } : undefined),
    parked: async (id) => (calls.push(['parked', id]), [{ resourceType: 'Users', resourceId: 'u2', position: '7', eventType: 'UserCreated', parkedAt: 'now', status: 400, reason: 'bad' }]),
    redrive: async (id, options) => (calls.push(['redrive', id, options]), { redriven: 1 }),
    reconcile: async (id, options) => (calls.push(['reconcile', id, options]), { dryRun: options.dryRun, drift: [], repaired: 0 }),
  };
  let started: Awaited<ReturnType<typeof startAdmin>>;
  const call = (opts: InjectOptions) => started.call(opts);

  beforeAll(async () => {
    started = await startAdmin(control);
    await call({ method: 'POST', url: '/admin/targets', headers: auth, payload: minimal() });
  });
  afterAll(async () => {
    await started.app.close();
    await started.registry.close();
    await started.store.close();
  });

  it('passes each endpoint to the engine', async () => {
    expect((await call({ method: 'GET', url: '/admin/targets/t1/status', headers: auth })).json()).toMatchObject({ id: 't1', parked: 1 });
    expect((await call({ method: 'GET', url: '/admin/targets/t1/resources/Users/u1', headers: auth })).json()).toMatchObject({ targetId: 'x-1' });
    expect((await call({ method: 'GET', url: '/admin/targets/t1/resources/Users/u9', headers: auth })).statusCode).toBe(404);
    expect((await call({ method: 'GET', url: '/admin/targets/t1/resources/Devices/u1', headers: auth })).statusCode).toBe(404);
    expect((await call({ method: 'GET', url: '/admin/targets/t1/parked', headers: auth })).json().parked).toHaveLength(1);
    const all = await call({ method: 'POST', url: '/admin/targets/t1/parked/redrive', headers: auth });
    expect(all.statusCode).toBe(200);
    await call({ method: 'POST', url: '/admin/targets/t1/parked/redrive?resource=u2', headers: auth });
    expect((await call({ method: 'POST', url: '/admin/targets/t1/reconcile?dryRun=true', headers: auth })).json()).toEqual({ dryRun: true, drift: [], repaired: 0 });
    await call({ method: 'POST', url: '/admin/targets/t1/reconcile', headers: auth });
    expect((await call({ method: 'POST', url: '/admin/targets/t1/reconcile?dryRun=yes', headers: auth })).statusCode).toBe(400);
    expect(calls).toEqual([
      ['status', 't1'],
      ['resource', 't1', 'Users', 'u1'],
      ['resource', 't1', 'Users', 'u9'],
      ['parked', 't1'],
      ['redrive', 't1', {}],
      ['redrive', 't1', { resourceId: 'u2' }],
      ['reconcile', 't1', { dryRun: true }],
      ['reconcile', 't1', { dryRun: false }],
    ]);
  });
});
