// The load generator and the two builds on separate CPUs. Left to the scheduler, a build can share a core with the
// load generator for a whole run and pay for it in every slice: an A/A run (the same build on both sides) read
// 0.94× and, with the start order swapped, 1.09×. Pinned, the same runs read 0.98× and 1.005×.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

/** Which CPUs the harness and the builds run on, or why nothing is pinned. */
export type Pinning = { harness: string; builds: string } | { unpinned: string };

/** CPU 0 for the harness (and its load generator), the others for both builds; unpinned on one CPU or without taskset. */
export function planPinning(wanted: boolean): Pinning {
  if (!wanted) return { unpinned: '--no-pin' };
  const cpus = os.availableParallelism();
  if (cpus < 2) return { unpinned: 'one CPU only' };
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return { unpinned: 'taskset not found (util-linux)' };
  }
  return { harness: '0', builds: cpus === 2 ? '1' : `1-${cpus - 1}` };
}

/** Pins every thread of `pid` to `cpus` (a taskset CPU list). */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cpus, String(pid)], { stdio: 'ignore' });
}
