// A TCP proxy on 127.0.0.1 between the hub and the shared PostgreSQL server, so that a test can make the
// server "stop" (refuse connections, drop the open ones) and "return" without touching the real server.
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A running proxy and the switches a test flips. */
export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Holds bytes from clients (queries) instead of forwarding them, until resume(). */
  pause(): void;
  resume(): void;
  /** Bytes held since pause(). */
  heldBytes(): number;
  /** As a stopped server: refuse new connections and drop the open ones. */
  stopServer(): Promise<void>;
  /** Accept connections again, on the same port. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to `target` on a free 127.0.0.1 port. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let paused = false;
  let held: { upstream: Socket; chunk: Buffer }[] = [];
  const onConnection = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk) => (paused ? held.push({ upstream, chunk }) : upstream.write(chunk)));
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.on('close', end);
      socket.on('error', end);
    }
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const dropAll = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    via(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    pause: () => void (paused = true),
    resume() {
      paused = false;
      for (const { upstream, chunk } of held) if (!upstream.destroyed) upstream.write(chunk);
      held = [];
    },
    heldBytes: () => held.reduce((sum, h) => sum + h.chunk.length, 0),
    async stopServer() {
      const closed = closeServer();
      dropAll();
      await closed;
    },
    async startServer() {
      server = createServer(onConnection);
      await listen(port);
    },
    async close() {
      const closed = server.listening ? closeServer() : Promise.resolve();
      dropAll();
      await closed;
    },
  };
}
