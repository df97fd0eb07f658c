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

interface ProxyState {
  upstream: URL;
  rules: FaultRule[];
  seen: SeenRequest[];
  latency: () => number;
}

function faultAnswer(response: ServerResponse, rule: FaultRule): void {
  if (rule.times !== undefined) rule.times--;
  response.writeHead(rule.status, { 'content-type': 'application/scim+json', ...rule.headers });
  const error = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(rule.status), detail: 'injected fault' };
  response.end(JSON.stringify(rule.body ?? error));
}

// Answers with the first matching fault, or forwards the request upstream as it came.
function faultHandler(state: ProxyState) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const entry = { method: request.method ?? 'GET', path: request.url ?? '/', body, at: Date.now(), status: 0 };
    state.seen.push(entry);
    const rule = state.rules.find((r) => (r.times === undefined || r.times > 0) && r.when(entry));
    if (rule) {
      entry.status = rule.status;
      return faultAnswer(response, rule);
    }
    if (state.latency() > 0) await new Promise((resolve) => setTimeout(resolve, state.latency()));
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) if (request.headers[name]) headers[name] = String(request.headers[name]);
    const answer = await fetch(`${state.upstream.origin}${entry.path}`, { method: entry.method, headers, body: body || undefined });
    entry.status = answer.status;
    const text = await answer.text();
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  };
}

/** Starts a proxy to `upstreamBaseUrl` (e.g. a scimmy target's baseUrl). */
export async function startFaultProxy(upstreamBaseUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const state: ProxyState = { upstream, rules: [], seen: [], latency: () => proxy.latencyMs };
  const sockets = new Set<Socket>();
  const handler = faultHandler(state);
  const open = () => {
    const created = createServer((request, response) => void handler(request, response).catch(() => response.destroy()));
    return created.on('connection', (socket: Socket) => sockets.add(socket.once('close', () => sockets.delete(socket))));
  };
  let server = open();
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
    seen: state.seen,
    inject: (rule) => state.rules.push(rule),
    heal: () => void state.rules.splice(0),
    down: close,
    async up() {
      server = open();
      await listen(server, port);
    },
    stop: () => (server.listening ? close() : Promise.resolve()),
  };
  return proxy;
}
