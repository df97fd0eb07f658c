// Black box: every error the HTTP layer of a started hub can give is a SCIM error (RFC 7644 §3.12) — one
// named case per built-in error, on SCIM, admin and platform paths — and a seeded fuzz run of malformed
// URLs, headers and bodies over raw sockets gets only SCIM error bodies and never a 5xx.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { postAnnouncingLength } from './support/oversized-request';
import { rawRequest, type RawResponse } from './support/raw-http';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const TOKEN = 'http-errors-' + randomUUID();
const ADMIN = 'admin-' + randomUUID();
// Seeded, so a failure reproduces.
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_127);

let hub: HubProcess;

beforeAll(async () => {
  hub = await startHub({ HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN, HUB_MAX_BODY_BYTES: '65536' });
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  if (hub) removeDataDir(hub.dataDir);
});

function request(method: string, path: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body && !Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
const scimAuth = { Authorization: `Bearer ${TOKEN}` };
const json = { ...scimAuth, 'Content-Type': 'application/scim+json' };

function expectScimError(res: RawResponse, status: number, scimType?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
  expect(typeof body.detail).toBe('string');
}

describe('each built-in error of the HTTP layer', () => {
  const send = (text: string) => rawRequest(hub.port, text);

  it.each([
    ['a SCIM path', '/scim/v2/Groups/%ED%A0%80'],
    ['an admin path', '/admin/tokens/%zz'],
    ['a platform path', '/healthz/%E0%A4%A'],
  ])('bad percent-encoding on %s → 400', async (_where, path) => {
    expectScimError(await send(request('GET', path, scimAuth)), 400);
  });

  it('malformed JSON → 400 invalidSyntax', async () => {
    expectScimError(await send(request('POST', '/scim/v2/Users', json, '{"userName":')), 400, 'invalidSyntax');
  });

  it('malformed JSON to the admin API → 400 invalidSyntax', async () => {
    const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
    expectScimError(await send(request('POST', '/admin/tokens', admin, '{tenant')), 400, 'invalidSyntax');
  });

  it('an empty body labelled JSON → 400 invalidSyntax from the SCIM validation', async () => {
    expectScimError(await send(request('POST', '/scim/v2/Users', { ...json, 'Content-Length': '0' })), 400, 'invalidSyntax');
  });

  it('a form body → 415 naming application/scim+json', async () => {
    const res = await send(request('POST', '/scim/v2/Users', { ...scimAuth, 'Content-Type': 'application/x-www-form-urlencoded' }, 'userName=a'));
    expectScimError(res, 415);
    expect(JSON.parse(res.body).detail).toContain('application/scim+json');
  });

  it('a gzip-encoded body → 415', async () => {
    expectScimError(await send(request('POST', '/scim/v2/Users', { ...json, 'Content-Encoding': 'gzip' }, '\u001f\u008b')), 415);
  });

  it('a JSON body labelled with another charset is read as UTF-8 (RFC 8259 §8.1) and accepted', async () => {
    const body = JSON.stringify(entraUser(`charset-${randomUUID()}@contoso.com`));
    const res = await send(request('POST', '/scim/v2/Users', { ...scimAuth, 'Content-Type': 'application/scim+json; charset=iso-8859-1' }, body));
    expect(res.status).toBe(201);
  });

  it('a body over HUB_MAX_BODY_BYTES → 413', async () => {
    const res = await postAnnouncingLength(`${hub.baseUrl}/scim/v2/Users`, TOKEN, 200_000);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '413' });
  });

  it('a URL over 12 KiB → 414 suggesting POST .search', async () => {
    const res = await send(request('GET', `/scim/v2/Users?filter=${'a'.repeat(13_000)}`, scimAuth));
    expectScimError(res, 414);
    expect(JSON.parse(res.body).detail).toContain('.search');
  });

  it('headers over 16 KiB → 431', async () => {
    expectScimError(await send(request('GET', '/scim/v2/Users', { ...scimAuth, 'X-Padding': 'a'.repeat(20_000) })), 431);
  });

  it.each([
    ['PUT', '/scim/v2/Users', 'GET, HEAD, POST'],
    ['POST', '/scim/v2/Users/abc', 'DELETE, GET, HEAD, PATCH, PUT'],
    ['DELETE', '/healthz', 'GET, HEAD'],
    ['PATCH', '/admin/tokens', 'GET, HEAD, POST'],
    ['POST', '/metrics', 'GET, HEAD'],
  ])('%s %s → 405 with Allow', async (method, path, allow) => {
    const res = await send(request(method, path, { ...scimAuth, Authorization: path.startsWith('/admin') ? `Bearer ${ADMIN}` : scimAuth.Authorization }));
    expectScimError(res, 405);
    expect(res.headers['allow']).toBe(allow);
  });

  it('the admin API without its token → 401, with a bad field → 400 invalidValue', async () => {
    expectScimError(await send(request('GET', '/admin/tokens')), 401);
    const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
    expectScimError(await send(request('POST', '/admin/tokens', admin, '{"tenant":42}')), 400, 'invalidValue');
  });

  it.each(['filter=userName%20pr&filter=id%20pr', 'count=1&count=2', 'startIndex=1&startIndex=3'])('a repeated query parameter (%s) → 400 invalidValue', async (query) => {
    expectScimError(await send(request('GET', `/scim/v2/Users?${query}`, scimAuth)), 400, 'invalidValue');
  });

  it('an unknown SCIM route → 404 (after authentication), an unknown route elsewhere → 404', async () => {
    expectScimError(await send(request('GET', '/scim/v2/Nothing', scimAuth)), 404);
    expectScimError(await send(request('GET', '/scim/v2/Nothing')), 401);
    expectScimError(await send(request('GET', '/nothing')), 404);
  });

  it.each([
    ['an unknown method', 'FROB /scim/v2/Users HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['Content-Length and Transfer-Encoding together', 'POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}'],
    ['two different Content-Lengths', 'POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['a control character in a header', 'GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n'],
    ['a space in the path', 'GET /scim/v2/Us ers HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s → 400 from the HTTP parser', async (_name, text) => {
    expectScimError(await send(text), 400);
  });
});

describe('fuzzing malformed URLs, headers and bodies', () => {
  const PATHS = [
    '/scim/v2/Users', '/scim/v2/Groups', '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646', '/scim/v2/.search',
    '/scim/v2/Users/.search', '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', '/scim/v2/ServiceProviderConfig',
    '/scim/v2/Users?filter=userName%20eq%20%22a%22&startIndex=1&count=10', '/admin/tokens', '/healthz', '/readyz', '/metrics',
  ];
  const PATH_BITS = ['&filter=a', '&count=1&count=2', '&attributes=a&attributes=b', '&startIndex=1&startIndex=2', '%', '%zz', '%ED%A0%80', '%00', '%2F', '//', '/..', '?', '?filter=', '#', '&count=-1', '&startIndex=x', ';', 'é', '\u00ff', '%C0%AF', 'USERS', '.search'];
  const BODIES = [
    JSON.stringify(entraUser('fuzz@contoso.com')),
    JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'x' }] }),
    JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName sw "a"', count: 5 }),
    JSON.stringify({ tenant: 'acme', label: 'x' }),
    '{"__proto__":{"admin":true}}',
    '',
  ];
  const BODY_BITS = ['{', '}', '[', ']', '"', ',', ':', 'null', '\\', '\\u00', '\u0000', '\uD800', 'é', '1e999', '"schemas"', ' '];
  const CONTENT_TYPES = ['application/scim+json', 'application/json', 'application/json; charset=utf-16', 'text/plain', 'text/html', 'multipart/form-data', '', '*/*', 'application/scim+json;;;', '\u00e9'];
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'get', 'FROB', 'CONNECT'];
  const EXTRA_HEADERS = ['X-Request-Id', 'If-Match', 'If-None-Match', 'Accept', 'Content-Encoding', 'Expect', 'X-Junk', 'Accept-Charset'];
  const HEADER_VALUES = ['W/"0"', 'W/"1"', '*', '"x"', '100-continue', 'identity', 'gzip', 'application/scim+json', 'a'.repeat(300), 'ünïcödé'];
  const AUTHS = [`Bearer ${TOKEN}`, `Bearer ${ADMIN}`, 'Bearer', 'Basic Zm9vOmJhcg==', `bearer ${TOKEN}`, 'Bearer scimhub_\u00e9', ''];

  const edited = (seeds: string[], bits: string[]) =>
    fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.oneof(fc.constantFrom(...bits), fc.string({ maxLength: 3 })) }), { maxLength: 3 }))
      .map(([seed, edits]) => edits.reduce((s, e) => { const at = e.at % (s.length + 1); return s.slice(0, at) + e.insert + s.slice(at + e.remove); }, seed));

  type Framing = (b: string) => Record<string, string>;
  const exact: Framing = (b) => ({ 'Content-Length': String(Buffer.byteLength(b)) });
  const broken = fc.constantFrom<Framing>(
    (b) => ({ 'Content-Length': String(Math.max(0, Buffer.byteLength(b) - 3)) }),
    () => ({ 'Content-Length': 'abc' }),
    () => ({ 'Content-Length': '-1' }),
    (b) => ({ 'Transfer-Encoding': 'chunked', body: `${Buffer.byteLength(b).toString(16)}\r\n${b}\r\n0\r\n\r\n` }),
    () => ({ 'Transfer-Encoding': 'chunked', body: 'zz\r\n' }),
  );
  // Mostly well framed, so that requests get past Node's parser into routing, authentication and handlers.
  const lengthOf = (body: string) => fc.oneof({ arbitrary: fc.constant(exact), weight: 4 }, { arbitrary: broken, weight: 1 }).map((make) => make(body));

  const fuzzed = fc
    .record({
      method: fc.constantFrom(...METHODS),
      path: edited(PATHS, PATH_BITS),
      auth: fc.constantFrom(...AUTHS),
      type: fc.constantFrom(...CONTENT_TYPES),
      body: edited(BODIES, BODY_BITS),
      extra: fc.array(fc.tuple(fc.constantFrom(...EXTRA_HEADERS), fc.oneof(fc.constantFrom(...HEADER_VALUES), fc.string({ maxLength: 12 }))), { maxLength: 3 }),
    })
    .chain((r) => lengthOf(r.body).map((framing) => ({ ...r, framing })));

  it('answers every request with a SCIM error body or a success, never a 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzed, async ({ method, path, auth, type, body, extra, framing }) => {
        const { body: framed, ...lengthHeaders } = framing as Record<string, string>;
        const headers = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
        if (auth) headers.push(`Authorization: ${auth}`);
        if (type) headers.push(`Content-Type: ${type}`);
        for (const [name, value] of extra) headers.push(`${name}: ${value}`);
        for (const [name, value] of Object.entries(lengthHeaders)) headers.push(`${name}: ${value}`);
        const text = `${headers.join('\r\n')}\r\n\r\n${framed ?? body}`;
        const res = await rawRequest(hub.port, Buffer.from(text, 'utf8'));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && method.toUpperCase() !== 'HEAD') {
          expect(res.headers['content-type']).toBe('application/scim+json; charset=utf-8');
          expect(JSON.parse(res.body)).toMatchObject({ schemas: [ERROR], status: String(res.status) });
        }
      }),
      { seed: SEED, numRuns: Number(process.env['FUZZ_RUNS'] ?? 400) },
    );
    if (process.env['FUZZ_REPORT']) console.log([...statuses].sort((a, b) => a[0] - b[0]));
    // The run reached past the parser into routing, authentication and handlers.
    expect([...statuses.keys()].filter((s) => s !== 400).length).toBeGreaterThan(3);
    expect((await fetch(`${hub.baseUrl}/readyz`)).status).toBe(200);
  }, 120_000);
});
