// The machine a run happened on, read at run time (nproc, free -h, node version), so figures carry their context.
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type { MachineInfo } from './bench.types';

function command(file: string, args: string[]): string | undefined {
  try {
    // trimEnd: the first line of `free -h` is indented to align its columns.
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  } catch {
    return undefined;
  }
}

/** Reads the machine description for the report. */
export function readMachineInfo(): MachineInfo {
  return {
    nproc: command('nproc', [])?.trim() ?? String(os.availableParallelism()),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memory: command('free', ['-h']) ?? `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total (free -h unavailable)`,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
