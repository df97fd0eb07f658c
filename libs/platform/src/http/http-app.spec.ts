import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { loadConfig } from '../config';
import { currentRequestContext } from '../context';
import { ReadinessRegistry } from '../health';
import type { HubLogger } from '../logging';
import { PlatformModule } from '../platform.module';
import { capturedLogger } from '../testing';
import { createHttpApp } from './create-http-app';
import { SCIM_CONTENT_TYPE } from './scim-content-type';
import { HttpScimError, SCIM_ERROR_SCHEMA as ERROR_SCHEMA } from './scim-error.shape';

// Shaped like @scim-hub/scim's notFound() (platform may not import the protocol lib).
const notFound = (detail: string) => new HttpScimError(404, undefined, detail);

let log: HubLogger;

@Controller('scim/v2/Things')
class ThingsController {
  @Post()
  create(@Body() body: unknown) {
    log.info('inside handler');
    return { received: body ?? null, context: currentRequestContext() };
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
    @Module({ imports: [PlatformModule.forRoot({ config, logger: log, readiness })], controllers: [ThingsController, PlainController] })
    class TestModule {}
    app = await createHttpApp(TestModule, config, { logger: log });
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

  it('gives handlers the request context after body parsing, and tags their log lines', async () => {
    const res = await inject({
      method: 'POST',
      url: '/scim/v2/Things',
      payload: '{"userName":"bob@example.com"}',
      headers: { 'x-request-id': 'ctx-1', 'user-agent': 'Azure AD SCIM Client', 'content-type': 'application/scim+json' },
    });
    expect(res.json().context).toEqual({ requestId: 'ctx-1', clientAddress: '127.0.0.1', userAgent: 'Azure AD SCIM Client' });
    expect(lines.filter((l) => l['msg'] === 'inside handler').at(-1)?.['reqId']).toBe('ctx-1');
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
});
