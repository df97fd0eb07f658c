// Starts the built hub (services/hub/dist/main.js) as a user would: a child process with its own data
// directory and port on 127.0.0.1, ready when /readyz answers 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { until } from '@scim-hub/testing';

const MAIN = resolve(__dirname, '../../dist/main.js');

/** A running hub child process. */
export interface HubProcess {
  baseUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: no chance to flush anything. */
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Starts the hub; `env` adds to (or overrides) the defaults. Reuse `dataDir` to restart on the same data. */
export async function startHub(env: Record<string, string> = {}, dataDir?: string): Promise<HubProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'scim-hub-e2e-'));
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HUB_HOST: '127.0.0.1', HUB_PORT: String(port), HUB_DATA_DIR: dir, HUB_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await Promise.race([
    until(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, 'hub /readyz', 30_000, 50),
    exited.then((code) => {
      throw new Error(`hub exited with ${code} before it was ready:\n${output}`);
    }),
  ]);
  return {
    baseUrl,
    port,
    dataDir: dir,
    child,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Removes a data directory made by startHub. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
