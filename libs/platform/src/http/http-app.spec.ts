import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { loadConfig } from '../config';
import type { RequestContext } from '../context';
import { ReadinessRegistry } from '../health';
import type { HubLogger } from '../logging';
import { PlatformModule } from '../platform.module';
import { capturedLogger } from '../testing';
import { createHttpApp } from './create-http-app';
import { CallerContext } from './request-hooks';
import { SCIM_CONTENT_TYPE } from './scim-content-type';
import { HttpScimError, SCIM_ERROR_SCHEMA as ERROR_SCHEMA } from './scim-error.shape';

// Shaped like @scim-hub/scim's notFound() (platform may not import the protocol lib).
const notFound = (detail: string) => new HttpScimError(404, undefined, detail);

let log: HubLogger;

@Controller('scim/v2/Things')
class ThingsController {
  @Post()
  create(@Body() body: unknown, @CallerContext() context: RequestContext | undefined) {
    return { received: body ?? null, context };
  }

  @Get('missing')
  missing() {
    throw notFound('thing 42 not found');
  }

  @Get('boom')
  boom() {
    throw new Error('database password is hunter2');
  }
}

class EventStoreUnavailable extends Error {
  override name = 'EventStoreUnavailable';
}

@Controller('scim/v2/Users')
class UsersController {
  @Get()
  list() {
    return { list: 'users' };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Post('.search')
  search() {
    return { searched: true };
  }
}

@Controller('scim/v2/Store')
class StoreController {
  @Get('down')
  down() {
    throw new EventStoreUnavailable('connect ECONNREFUSED 10.0.0.3:5432');
  }
}

@Controller('plain')
class PlainController {
  @Get()
  get() {
    return { plain: true };
  }
}

describe('createHttpApp', () => {
  const config = loadConfig({ HUB_MAX_BODY_BYTES: '2048' });
  const readiness = new ReadinessRegistry();
  let app: NestFastifyApplication;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    ({ logger: log, lines } = capturedLogger());
    @Module({ imports: [PlatformModule.forRoot({ config, logger: log, readiness })], controllers: [ThingsController, PlainController, UsersController, StoreController] })
    class TestModule {}
    app = await createHttpApp(TestModule, config, { logger: log, scimEndpoints: ['Users', '.search'] });
  });
  afterAll(() => app.close());

  const inject = (opts: InjectOptions) => app.getHttpAdapter().getInstance().inject(opts);
  const post = (payload: string, contentType?: string) =>
    inject({ method: 'POST', url: '/scim/v2/Things', payload, headers: contentType ? { 'content-type': contentType } : {} });

  it.each([
    ['application/scim+json', 'application/scim+json'],
    ['application/scim+json with charset', 'application/scim+json; charset=utf-8'],
    ['application/json', 'application/json'],
    ['text/plain (lenient)', 'text/plain'],
    ['no content type (lenient)', undefined],
  ])('parses a JSON body sent as %s', async (_name, contentType) => {
    const res = await post('{"userName":"x"}', contentType);
    expect(res.statusCode).toBe(201);
    expect(res.json().received).toEqual({ userName: 'x' });
  });

  it('ignores a trailing slash (clients differ on base URL joining)', async () => {
    expect((await inject({ method: 'GET', url: '/plain/' })).json()).toEqual({ plain: true });
  });

  it('answers SCIM routes with application/scim+json and others with application/json', async () => {
    expect((await post('{}', 'application/scim+json')).headers['content-type']).toBe(SCIM_CONTENT_TYPE);
    expect((await inject({ method: 'GET', url: '/plain' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it.each([
    ['__proto__', '{"__proto__":{"admin":true}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}}}'],
    ['malformed JSON', '{"userName":'],
  ])('refuses %s with 400 invalidSyntax', async (_name, payload) => {
    const res = await post(payload, 'application/scim+json');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(SCIM_CONTENT_TYPE);
    expect(res.json()).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidSyntax',
      detail: 'request body is not valid JSON',
    });
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('refuses a body over HUB_MAX_BODY_BYTES with 413 as a SCIM error', async () => {
    const res = await post(JSON.stringify({ big: 'x'.repeat(3000) }), 'application/scim+json');
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toBe(SCIM_CONTENT_TYPE);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
  });

  it('renders a thrown ScimError with its status as a string', async () => {
    const res = await inject({ method: 'GET', url: '/scim/v2/Things/missing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'thing 42 not found' });
  });

  it('renders an unexpected error as 500 naming only the request id, and logs it', async () => {
    const res = await inject({ method: 'GET', url: '/scim/v2/Things/boom', headers: { 'x-request-id': 'req-boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '500', detail: 'internal error, request id req-boom-1' });
    expect(res.body).not.toContain('hunter2');
    const logged = lines.find((l) => l['msg'] === 'unexpected error' && l['reqId'] === 'req-boom-1');
    expect(logged?.['level']).toBe(50);
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('answers unknown routes with a SCIM 404 that does not echo the query string', async () => {
    const res = await inject({ method: 'GET', url: '/nowhere?filter=userName%20eq%20%22alice%22' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(SCIM_CONTENT_TYPE);
    expect(res.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'no endpoint GET /nowhere' });
  });

  it('echoes a safe x-request-id, replaces an unsafe one and generates one when missing', async () => {
    const echoed = await inject({ method: 'GET', url: '/plain', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const unsafe = await inject({ method: 'GET', url: '/plain', headers: { 'x-request-id': 'a b<script>' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await inject({ method: 'GET', url: '/plain' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
  });

  it('gives handlers the request context after body parsing', async () => {
    const res = await inject({
      method: 'POST',
      url: '/scim/v2/Things',
      payload: '{"userName":"bob@example.com"}',
      headers: { 'x-request-id': 'ctx-1', 'user-agent': 'Azure AD SCIM Client', 'content-type': 'application/scim+json' },
    });
    expect(res.json().context).toEqual({ requestId: 'ctx-1', clientAddress: '127.0.0.1', userAgent: 'Azure AD SCIM Client' });
  });

  it('logs route template, status and duration at info, without bodies or query strings', async () => {
    await inject({ method: 'POST', url: '/scim/v2/Things?attributes=userName', payload: '{"userName":"carol@example.com"}', headers: { 'x-request-id': 'log-1' } });
    const access = lines.find((l) => l['msg'] === 'request completed' && l['reqId'] === 'log-1');
    expect(access).toMatchObject({ level: 30, method: 'POST', route: '/scim/v2/Things', status: 201 });
    expect(typeof access?.['ms']).toBe('number');
    const all = JSON.stringify(lines);
    expect(all).not.toContain('carol@example.com');
    expect(all).not.toContain('attributes=userName');
  });

  it('counts requests per route template, method and status on /metrics', async () => {
    await inject({ method: 'GET', url: '/plain' });
    const res = await inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/http_requests_total\{route="\/plain",method="GET",status="200"\} [1-9]/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{le="[^"]+",route="\/plain",method="GET"\}/);
    expect(res.body).toMatch(/http_requests_total\{route="unmatched",method="GET",status="404"\}/);
  });

  it('serves /healthz and /readyz from the readiness checks', async () => {
    expect((await inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    let ok = true;
    readiness.register('store', () => ok);
    readiness.register('projector', async () => ({ ok: true, detail: '0 events behind' }));
    const ready = await inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { store: { ok: true }, projector: { ok: true, detail: '0 events behind' } } });
    ok = false;
    const notReady = await inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks.store).toEqual({ ok: false });
  });

  describe('SCIM endpoint names in any case', () => {
    it.each([
      ['/scim/v2/users', { list: 'users' }],
      ['/scim/v2/USERS?filter=x', { list: 'users' }],
      ['/scim/v2/uSeRs/AbC-1', { id: 'AbC-1' }],
    ])('routes GET %s like /Users, ids untouched', async (url, body) => {
      const res = await inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(body);
    });

    it('routes POST …/users/.SEARCH to .search', async () => {
      const res = await inject({ method: 'POST', url: '/scim/v2/users/.SEARCH', payload: '{}' });
      expect(res.json()).toEqual({ searched: true });
    });

    it('leaves paths outside the SCIM base case-sensitive', async () => {
      expect((await inject({ method: 'GET', url: '/PLAIN' })).statusCode).toBe(404);
    });
  });

  describe('every error of the HTTP layer is a SCIM error', () => {
    const expectScimError = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, scimType?: string) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe(SCIM_CONTENT_TYPE);
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}) });
    };

    it.each(['/scim/v2/Users/%ED%A0%80', '/scim/v2/Users/%zz', '/healthz/%E0%A4%A'])('answers a path with invalid percent-encoding (%s) with 400', async (url) => {
      const res = await inject({ method: 'GET', url });
      expectScimError(res, 400);
      expect(res.json().detail).toBe('the request URL is not valid (bad percent-encoding)');
    });

    it('accepts a path parameter as long as a custom schema URN', async () => {
      expect((await inject({ method: 'GET', url: `/scim/v2/Users/urn:${'a'.repeat(300)}` })).statusCode).toBe(200);
    });

    it('answers a path parameter over the router limit with 414', async () => {
      expectScimError(await inject({ method: 'GET', url: `/scim/v2/Users/${'a'.repeat(2000)}` }), 414);
    });

    it('answers a URL over MAX_URL_LENGTH with 414 naming .search', async () => {
      const res = await inject({ method: 'GET', url: `/scim/v2/Users?filter=${'a'.repeat(13_000)}` });
      expectScimError(res, 414);
      expect(res.json().detail).toContain('.search');
    });

    it('answers a known path asked with another method with 405 and Allow', async () => {
      const res = await inject({ method: 'PUT', url: '/scim/v2/Users' });
      expectScimError(res, 405);
      expect(res.headers['allow']).toBe('GET, HEAD');
      const health = await inject({ method: 'DELETE', url: '/healthz' });
      expectScimError(health, 405);
      expect(health.headers['allow']).toBe('GET, HEAD');
    });

    it('keeps 404 for a path no route serves', async () => {
      expectScimError(await inject({ method: 'DELETE', url: '/nowhere' }), 404);
    });

    it.each([
      ['application/x-www-form-urlencoded', 'a=b&c=d'],
      ['text/xml', '<User/>'],
      ['multipart/form-data; boundary=x', '--x--'],
    ])('answers a non-JSON body labelled %s with 415', async (type, payload) => {
      const res = await post(payload, type);
      expectScimError(res, 415);
      expect(res.json().detail).toContain('application/scim+json');
    });

    it('accepts JSON whatever its charset label says (RFC 8259 §8.1: JSON is UTF-8)', async () => {
      const res = await post('{"userName":"é"}', 'application/scim+json; charset=latin1');
      expect(res.json().received).toEqual({ userName: 'é' });
    });

    it('answers a compressed body (Content-Encoding) with 415', async () => {
      const res = await inject({ method: 'POST', url: '/scim/v2/Things', payload: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
      expectScimError(res, 415);
    });

    it('passes an empty JSON body to the handler as no body', async () => {
      const res = await post('', 'application/scim+json');
      expect(res.statusCode).toBe(201);
      expect(res.json().received).toBeNull();
    });

    it('answers an unreachable store with 503, Retry-After and no internals', async () => {
      const res = await inject({ method: 'GET', url: '/scim/v2/Store/down' });
      expectScimError(res, 503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().detail).toBe('the event store is unavailable, retry later');
      expect(res.body).not.toContain('10.0.0.3');
    });
  });

  describe('over a real socket (errors of Node\'s HTTP parser)', () => {
    let port: number;
    beforeAll(async () => {
      await app.listen(0, '127.0.0.1');
      port = (app.getHttpServer().address() as AddressInfo).port;
    });

    const raw = (request: string) =>
      new Promise<{ status: number; headers: string; body: unknown }>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => (text += chunk));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head, body] = text.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) });
        });
      });

    it.each([
      ['headers over 16 KiB', `GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['a URL over 16 KiB', `GET /scim/v2/Users?filter=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
      ['conflicting Content-Length and Transfer-Encoding', 'POST /scim/v2/Things HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n{}', 400],
      ['an unknown method', 'FROB /scim/v2/Users HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['a malformed request line', 'GET\r\n\r\n', 400],
      ['an Expect other than 100-continue', 'GET /plain HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n', 417],
      ['CONNECT (the hub is no proxy)', 'CONNECT 127.0.0.1:5432 HTTP/1.1\r\nHost: 127.0.0.1:5432\r\n\r\n', 405],
    ])('answers %s with a SCIM error and closes', async (_name, request, status) => {
      const res = await raw(request);
      expect(res.status).toBe(status);
      expect(res.headers).toContain(`content-type: ${SCIM_CONTENT_TYPE}`);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status) });
    });
  });
});
