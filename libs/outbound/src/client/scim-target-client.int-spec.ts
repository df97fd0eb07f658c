// The target client against real HTTP servers on 127.0.0.1: OAuth2 client credentials (token cached, renewed
// when it expires or is refused), bearer tokens, pacing, and how failures are classified.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DeliveryError } from '../delivery/delivery-error';
import { ScimTargetClient } from './scim-target-client';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => handler(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

describe('ScimTargetClient (real HTTP)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  it('gets an OAuth2 client-credentials token once, reuses it, and renews it after a 401', async () => {
    const grants: string[] = [];
    let issued = 0;
    const tokens = await serve((_request, body, response) => {
      grants.push(body);
      json(response, 200, { access_token: `tok-${++issued}`, token_type: 'Bearer', expires_in: 3600 });
    });
    const seen: string[] = [];
    const scim = await serve((request, _body, response) => {
      seen.push(String(request.headers.authorization));
      // The first token is revoked after two calls.
      if (request.headers.authorization === 'Bearer tok-1' && seen.length > 2) return json(response, 401, { status: '401' });
      json(response, 200, { patch: { supported: true } });
    });
    servers.push(tokens.server, scim.server);
    const client = new ScimTargetClient({
      baseUrl: `${scim.url}/scim/v2`,
      auth: { type: 'oauth2', tokenUrl: `${tokens.url}/token`, clientId: 'hub', clientSecret: 's3cret', scope: 'scim' },
    });
    await client.probe();
    await client.probe();
    const refused = await client.probe().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ status: 401, retriable: true });
    await client.probe();
    expect(seen).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(grants).toHaveLength(2);
    expect(new URLSearchParams(grants[0])).toEqual(new URLSearchParams({ grant_type: 'client_credentials', client_id: 'hub', client_secret: 's3cret', scope: 'scim' }));
  });

  it('renews an OAuth2 token that has expired', async () => {
    let issued = 0;
    let now = 0;
    const tokens = await serve((_request, _body, response) => json(response, 200, { access_token: `tok-${++issued}`, expires_in: 60 }));
    const seen: string[] = [];
    const scim = await serve((request, _body, response) => {
      seen.push(String(request.headers.authorization));
      json(response, 200, {});
    });
    servers.push(tokens.server, scim.server);
    const auth = { type: 'oauth2' as const, tokenUrl: tokens.url, clientId: 'hub', clientSecret: 'x' };
    const client = new ScimTargetClient({ baseUrl: scim.url, auth }, { now: () => now });
    await client.probe();
    now += 29_000;
    await client.probe();
    now += 2_000;
    await client.probe();
    expect(seen).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('classifies failures: 400 not retriable with the answer, 503 retriable, connection refused retriable without status', async () => {
    const scim = await serve((request, _body, response) => {
      if (request.url?.includes('bad')) return json(response, 400, { detail: 'userName is invalid' });
      json(response, 503, { detail: 'busy' }, { 'retry-after': '3' });
    });
    servers.push(scim.server);
    const client = new ScimTargetClient({ baseUrl: scim.url, auth: { type: 'bearer', token: 't' } });
    await expect(client.find('Users', 'userName', 'bad')).rejects.toMatchObject({ retriable: false, status: 400, bodyExcerpt: expect.stringContaining('userName is invalid') });
    await expect(client.find('Users', 'userName', 'ok')).rejects.toMatchObject({ retriable: true, status: 503, retryAfterMs: 3000 });
    const gone = await serve(() => undefined);
    await new Promise((resolve) => gone.server.close(resolve));
    const closed = new ScimTargetClient({ baseUrl: gone.url, auth: { type: 'bearer', token: 't' } });
    await expect(closed.probe()).rejects.toMatchObject({ retriable: true, status: undefined, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('reads PATCH support once from the ServiceProviderConfig; a target without it gets PUTs', async () => {
    let calls = 0;
    const scim = await serve((_request, _body, response) => {
      calls++;
      json(response, 404, {});
    });
    servers.push(scim.server);
    const client = new ScimTargetClient({ baseUrl: scim.url, auth: { type: 'bearer', token: 't' } });
    expect(await client.patchSupported()).toBe(false);
    expect(await client.patchSupported()).toBe(false);
    expect(calls).toBe(1);
  });

  it('paces calls to the configured rate', async () => {
    const at: number[] = [];
    const scim = await serve((_request, _body, response) => {
      at.push(Date.now());
      json(response, 200, {});
    });
    servers.push(scim.server);
    const client = new ScimTargetClient({ baseUrl: scim.url, auth: { type: 'bearer', token: 't' }, rateLimitPerSecond: 20 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => client.probe()));
    // 6 calls at 20/s: the sixth may not start before 5 × 50 ms (timers may round down by a millisecond).
    expect(Date.now() - started).toBeGreaterThanOrEqual(249);
    expect(at).toHaveLength(6);
  });
});
