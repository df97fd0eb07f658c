// A fault-injecting target: an HTTP proxy on 127.0.0.1 in front of a real SCIM server that answers chosen
// requests with chosen failures (429 with Retry-After, 500, 400 for one user) and can go down (connection
// refused) and come back on the same port. It logs every request it sees, with the time, for measurements.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A request as the proxy saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  body: string;
  at: number;
  status: number;
}

/** A failure to inject: requests for which `when` holds get `status` (at most `times` times; default always). */
export interface FaultRule {
  when: (request: { method: string; path: string; body: string }) => boolean;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** Base URL with the upstream's path, e.g. `http://127.0.0.1:40000/scim/v2`. */
  baseUrl: string;
  port: number;
  seen: SeenRequest[];
  inject(rule: FaultRule): void;
  /** Delay added before every forwarded request (a slow target). */
  latencyMs: number;
  /** Removes every rule. */
  heal(): void;
  /** Stops listening and drops open connections: calls now get "connection refused". */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** Starts a proxy to `upstreamBaseUrl` (e.g. a scimmy target's baseUrl). */
export async function startFaultProxy(upstreamBaseUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const rules: FaultRule[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const entry = { method: request.method ?? 'GET', path: request.url ?? '/', body, at: Date.now(), status: 0 };
    seen.push(entry);
    const rule = rules.find((r) => (r.times === undefined || r.times > 0) && r.when(entry));
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      entry.status = rule.status;
      response.writeHead(rule.status, { 'content-type': 'application/scim+json', ...rule.headers });
      response.end(JSON.stringify(rule.body ?? { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(rule.status), detail: 'injected fault' }));
      return;
    }
    if (proxy.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, proxy.latencyMs));
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) if (request.headers[name]) headers[name] = String(request.headers[name]);
    const answer = await fetch(`${upstream.origin}${entry.path}`, { method: entry.method, headers, body: body || undefined });
    entry.status = answer.status;
    const text = await answer.text();
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  };
  let server = createServer((request, response) => void handler(request, response).catch(() => response.destroy()));
  const track = (s: Server) => s.on('connection', (socket: Socket) => sockets.add(socket.once('close', () => sockets.delete(socket))));
  track(server);
  const port = await listen(server, 0);
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const proxy: FaultProxy = {
    latencyMs: 0,
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    port,
    seen,
    inject: (rule) => rules.push(rule),
    heal: () => void rules.splice(0),
    down: close,
    async up() {
      server = createServer((request, response) => void handler(request, response).catch(() => response.destroy()));
      track(server);
      await listen(server, port);
    },
    stop: () => (server.listening ? close() : Promise.resolve()),
  };
  return proxy;
}
