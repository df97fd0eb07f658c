// The built relay service as a child process, with its log lines kept for waiting on them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../dist/main.js');

/** A running relay process. */
export interface RelayProcess {
  child: ChildProcess;
  /** Every line it printed (JSON log lines). */
  lines: string[];
  logged(message: string): boolean;
  exited(): Promise<number | null>;
}

/** Starts services/relay/dist/main.js with `env` added to the environment. */
export function spawnRelay(env: Record<string, string>): RelayProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx nx run-many -t build)`);
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    lines,
    logged: (message) => lines.some((line) => line.includes(`"msg":"${message}"`)),
    exited: () => exit,
  };
}
