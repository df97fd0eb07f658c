import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CallerContext, PlatformModule, createHttpApp, createLogger, loadConfig, type RequestContext } from '@scim-hub/platform';
import { ERROR_SCHEMA } from '@scim-hub/scim';
import type { InjectOptions } from 'fastify';
import { MemoryTokenStore } from '../memory';
import type { TokenPrincipal } from '../token-store.port';
import { AccessModule } from './access.module';
import { bearerTokenOf } from './bearer-authenticator';
import { CurrentPrincipal } from './principal';
import { ScimBearerGuard } from './scim-bearer.guard';

@Controller('scim/v2/Probe')
@UseGuards(ScimBearerGuard)
class ProbeController {
  @Get()
  probe(@CurrentPrincipal() principal: TokenPrincipal, @CallerContext() caller: RequestContext | undefined) {
    return { principal, fromContext: caller?.principal };
  }
}

const JWT = 'aaa.bbb.ccc';
const jwtVerifier = { verify: async (token: string) => (token === JWT ? { tenant: 'default', tokenId: 'jwt:sp' } : undefined) };

describe('ScimBearerGuard', () => {
  const store = new MemoryTokenStore();
  const config = loadConfig({});
  let app: NestFastifyApplication;
  const get = (headers: InjectOptions['headers'] = {}) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/scim/v2/Probe', headers });

  beforeAll(async () => {
    const logger = createLogger('silent');
    @Module({
      imports: [PlatformModule.forRoot({ config, logger }), AccessModule.forRoot({ store, jwt: jwtVerifier })],
      controllers: [ProbeController],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, config, { logger });
  });
  afterAll(() => app.close());

  it('answers 401 with WWW-Authenticate: Bearer and a SCIM error when the header is missing', async () => {
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="scim"');
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.stringContaining('missing bearer token') });
  });

  it.each([['Bearer scimhub_unknown'], ['Basic dXNlcjpwYXNz'], ['Bearer'], ['scimhub_no_scheme']])(
    'answers 401 invalid_token for %j',
    async (authorization) => {
      const res = await get({ authorization });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="scim", error="invalid_token"');
    },
  );

  it('puts the token tenant and id in the request context', async () => {
    const created = await store.create('acme', 'guard test');
    const res = await get({ authorization: `Bearer ${created.token}` });
    expect(res.statusCode).toBe(200);
    const principal = { tenant: 'acme', tokenId: created.id };
    expect(res.json()).toEqual({ principal, fromContext: principal });
  });

  it('accepts a case-insensitive scheme (RFC 7235 §2.1)', async () => {
    const created = await store.create('acme', 'scheme case');
    expect((await get({ authorization: `bearer ${created.token}` })).statusCode).toBe(200);
  });

  it('refuses a revoked token', async () => {
    const created = await store.create('acme', 'revoked');
    await store.revoke(created.id);
    expect((await get({ authorization: `Bearer ${created.token}` })).statusCode).toBe(401);
  });

  it('accepts a JWT the configured verifier accepts', async () => {
    const res = await get({ authorization: `Bearer ${JWT}` });
    expect(res.json().principal).toEqual({ tenant: 'default', tokenId: 'jwt:sp' });
  });
});

describe('bearerTokenOf', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
    ['Bearer a b', undefined],
    ['Token abc', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, token) => {
    expect(bearerTokenOf(header)).toBe(token);
  });
});
