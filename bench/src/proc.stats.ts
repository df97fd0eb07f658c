// A child's CPU and memory, read from /proc (process.cpuUsage only reports on the calling process).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

// The fields of /proc/<pid>/stat after the command name (field 2, which may hold spaces), counted from 0 at field 3:
// [11] utime, [12] stime, [13] cutime, [14] cstime, in clock ticks.
function fieldsAfterCommand(stat: string): number[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
}

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat utime + stime). */
export function readCpuSeconds(pid: number): number {
  const fields = fieldsAfterCommand(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return (fields[11] + fields[12]) / clockTicks();
}

/**
 * User + system CPU seconds a process's main thread has used so far (/proc/<pid>/task/<pid>/stat): for Node.js, the
 * thread that runs the event loop and every line of JavaScript, as against its helpers (libuv's thread pool, V8's
 * compiler and garbage collector threads).
 */
export function readMainThreadCpuSeconds(pid: number): number {
  const fields = fieldsAfterCommand(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
  return (fields[11] + fields[12]) / clockTicks();
}

/**
 * CPU seconds used so far by every process running `command` (its name in /proc/<pid>/stat), with the CPU of their
 * children that have ended (cutime + cstime): PostgreSQL's server is a postmaster and a process per connection, and
 * a backend that ends during a scenario is still counted, through the postmaster, once it is reaped.
 */
export function readCommandCpuSeconds(command: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended since the directory was read
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== command) continue;
    const fields = fieldsAfterCommand(stat);
    ticks += fields[11] + fields[12] + fields[13] + fields[14];
  }
  return ticks / clockTicks();
}

/** Peak resident set size of the process so far, in MB (/proc/<pid>/status VmHWM). */
export function readPeakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return kb ? Number(kb[1]) / 1024 : 0;
}

/** Resolves once the process uses under 10% of a core over 200 ms (or after maxSec): a slow system may still be
 * working through requests a finished load abandoned, and that work must not be billed to the next scenario. */
export async function waitIdle(pid: number, maxSec: number): Promise<void> {
  const until = Date.now() + maxSec * 1000;
  let before = readCpuSeconds(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = readCpuSeconds(pid);
    if (now - before < 0.02) return;
    before = now;
  }
}
