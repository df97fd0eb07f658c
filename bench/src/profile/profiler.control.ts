// The harness's side of bench/servers/cpu-profiler.preload.mjs: starts and stops the sampling profiler inside a
// running system with SIGUSR2 and waits for the files it writes (a bounded wait on their existence, never a sleep).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../bench.config';

/** The preload that puts the profiler into a system (`node --import <this> …`). */
export const PROFILER_PRELOAD = pathToFileURL(path.join(REPO_ROOT, 'bench', 'servers', 'cpu-profiler.preload.mjs')).href;
/** Sampling interval: fine enough for per-request costs of a few hundred microseconds, light enough to load. */
export const PROFILE_INTERVAL_US = 500;

const WAIT_MS = 30_000;

async function waitForFile(file: string, what: string): Promise<void> {
  const until = Date.now() + WAIT_MS;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`cpu profiler: ${what} not written within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One system's profiler: the environment and Node.js options that load it, and start/stop around a load. */
export class ProfilerControl {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'scim-hub-bench-profile-'));
  private count = 0;
  private pid = 0;

  /** @param resultsDir where stop() puts each profile */
  constructor(private readonly resultsDir: string) {}

  /** What the system's launch gets: the preload and where it writes. */
  launch(): { nodeArgs: string[]; env: Record<string, string> } {
    return { nodeArgs: ['--import', PROFILER_PRELOAD], env: { BENCH_PROFILE_DIR: this.dir, BENCH_PROFILE_INTERVAL_US: String(PROFILE_INTERVAL_US) } };
  }

  attach(pid: number): void {
    this.pid = pid;
  }

  /** Resolves once the profiler runs in the system. */
  async start(): Promise<void> {
    this.count += 1;
    process.kill(this.pid, 'SIGUSR2');
    await waitForFile(path.join(this.dir, `${this.count}.started`), 'start');
  }

  /** Stops the profiler and moves the profile it wrote to `<resultsDir>/<name>.cpuprofile`, whose path it returns
   * (the file opens in Chrome DevTools' Performance panel or in VS Code). */
  async stop(name: string): Promise<string> {
    process.kill(this.pid, 'SIGUSR2');
    const file = path.join(this.dir, `${this.count}.cpuprofile`);
    await waitForFile(file, 'profile');
    const target = path.join(this.resultsDir, `${name}.cpuprofile`);
    // Copied, not renamed: the results folder may be on another file system than the temp folder.
    copyFileSync(file, target);
    rmSync(file);
    return target;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
