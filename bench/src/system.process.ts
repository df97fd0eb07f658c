// Starts one system as a child process on a free 127.0.0.1 port, waits for /readyz, and always stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

/** How to start a system: a Node script, its environment, and the variable that carries the port. */
export interface LaunchSpec {
  script: string;
  /** Node.js options before the script (the hub gets those `npm start` gives it). */
  nodeArgs?: string[];
  cwd: string;
  env: Record<string, string>;
  portEnv: string;
  token: string;
  startTimeoutSec: number;
}

/** A started system. */
export interface RunningSystem {
  pid: number;
  port: number;
  token: string;
  /** The last few kB the child wrote to stdout and stderr (for failure notes). */
  logTail(): string;
  /** Non-null once the child has exited. */
  exitCode(): number | string | null;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every child still running (used on SIGINT and on unexpected exits of the harness). */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Asks the kernel for a free port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns the system and resolves once GET /readyz answers 200; rejects with the child's log tail otherwise. */
export async function startSystem(spec: LaunchSpec): Promise<RunningSystem> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
    cwd: spec.cwd,
    env: { ...process.env, NODE_ENV: 'production', ...spec.env, [spec.portEnv]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: number | string | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exit = code ?? signal ?? 'exited'), running.delete(child), resolve())));
  const system: RunningSystem = {
    pid: child.pid ?? 0,
    port,
    token: spec.token,
    logTail: () => tail,
    exitCode: () => exit,
    stop: () => stopChild(child, exited),
  };
  try {
    await waitReady(system, spec.startTimeoutSec * 1000);
  } catch (err) {
    await system.stop();
    throw err;
  }
  return system;
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(system: RunningSystem, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (system.exitCode() !== null) throw new Error(`exited (${system.exitCode()}) before ready: ${lastLines(system.logTail())}`);
    if ((await probe(system.port)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s: ${lastLines(system.logTail())}`);
}

function probe(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** The last lines of a log, squeezed onto one line for a table note. */
export function lastLines(log: string, count = 3): string {
  return log.trim().split('\n').slice(-count).join(' | ').slice(0, 500) || '(no output)';
}
