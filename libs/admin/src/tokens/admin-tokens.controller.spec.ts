import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MemoryTokenStore } from '@scim-hub/access/memory';
import { AccessModule } from '@scim-hub/access/nest';
import { PlatformModule, createHttpApp, createLogger, loadConfig } from '@scim-hub/platform';
import { ERROR_SCHEMA } from '@scim-hub/scim';
import type { InjectOptions } from 'fastify';
import { AdminModule } from '../admin.module';

const ADMIN = 'admin-secret-'.padEnd(40, 'x');

async function startAdmin(env: Record<string, string>, store = new MemoryTokenStore()) {
  const config = loadConfig(env);
  const logger = createLogger('silent');
  @Module({ imports: [PlatformModule.forRoot({ config, logger }), AccessModule.forRoot({ store }), AdminModule] })
  class TestModule {}
  const app = await createHttpApp(TestModule, config, { logger });
  const call = (opts: InjectOptions) => app.getHttpAdapter().getInstance().inject(opts);
  return { app, store, call };
}

describe('/admin/tokens', () => {
  let app: NestFastifyApplication;
  let store: MemoryTokenStore;
  let call: Awaited<ReturnType<typeof startAdmin>>['call'];
  const auth = { authorization: `Bearer ${ADMIN}` };

  beforeAll(async () => {
    ({ app, store, call } = await startAdmin({ HUB_ADMIN_TOKEN: ADMIN }));
  });
  afterAll(() => app.close());

  it.each([[{}], [{ authorization: 'Bearer wrong' }], [{ authorization: `Bearer ${ADMIN}x` }], [{ authorization: ADMIN }]])(
    'answers 401 with WWW-Authenticate for %j',
    async (headers) => {
      const res = await call({ method: 'GET', url: '/admin/tokens', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="admin"');
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    },
  );

  it('creates a token (shown once, not cached) that then authenticates its tenant', async () => {
    const res = await call({ method: 'POST', url: '/admin/tokens', headers: auth, payload: { tenant: 'acme', label: 'entra' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ tenant: 'acme', label: 'entra', id: expect.stringMatching(/^tok_/), token: expect.any(String) });
    expect(await store.verify(body.token)).toEqual({ tenant: 'acme', tokenId: body.id });
  });

  it('lists tokens without secrets, optionally by tenant', async () => {
    const created = (await call({ method: 'POST', url: '/admin/tokens', headers: auth, payload: { tenant: 'other' } })).json();
    const all = await call({ method: 'GET', url: '/admin/tokens', headers: auth });
    expect(all.statusCode).toBe(200);
    expect(all.body).not.toContain(created.token);
    const other = (await call({ method: 'GET', url: '/admin/tokens?tenant=other', headers: auth })).json();
    expect(other).toEqual({ tokens: [{ id: created.id, tenant: 'other', label: '', createdAt: created.createdAt }] });
  });

  it('revokes with 204, then 404 for the same id', async () => {
    const created = (await call({ method: 'POST', url: '/admin/tokens', headers: auth, payload: { tenant: 'rev' } })).json();
    expect((await call({ method: 'DELETE', url: `/admin/tokens/${created.id}`, headers: auth })).statusCode).toBe(204);
    expect(await store.verify(created.token)).toBeUndefined();
    const again = await call({ method: 'DELETE', url: `/admin/tokens/${created.id}`, headers: auth });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });

  it.each([
    ['a bad tenant', { tenant: 'Acme Corp' }, 'tenant must be lowercase letters'],
    ['a missing tenant', { label: 'x' }, 'tenant must be'],
    ['an unknown field', { tenant: 'acme', admin: true }, 'property admin should not exist'],
    ['a long label', { tenant: 'acme', label: 'l'.repeat(201) }, 'label must be at most 200 characters'],
  ])('refuses %s with 400 invalidValue', async (_name, payload, detail) => {
    const res = await call({ method: 'POST', url: '/admin/tokens', headers: auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue', detail: expect.stringContaining(detail) });
  });

  it('refuses an empty body with 400', async () => {
    const res = await call({ method: 'POST', url: '/admin/tokens', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' });
  });

  it('refuses a bad tenant filter with 400', async () => {
    expect((await call({ method: 'GET', url: '/admin/tokens?tenant=A%2FB', headers: auth })).statusCode).toBe(400);
  });
});

describe('/admin without HUB_ADMIN_TOKEN', () => {
  it('answers 404 on every admin route, even with a bearer token', async () => {
    const { app, call } = await startAdmin({});
    for (const [method, url] of [['GET', '/admin/tokens'], ['POST', '/admin/tokens'], ['DELETE', '/admin/tokens/tok_1']] as const) {
      const res = await call({ method, url, headers: { authorization: `Bearer ${ADMIN}` }, ...(method === 'POST' ? { payload: { tenant: 'a' } } : {}) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    }
    await app.close();
  });
});
