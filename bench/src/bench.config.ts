// Run sizes and bounds. The full run follows the issue (10,000 and 100,000 users, a 10,000-member group, 10,000
// groups, 32 connections); --quick shrinks every size so CI proves the harness works in about a minute.
import * as path from 'node:path';
import { SYSTEM_IDS, type SystemId } from './bench.types';

/** Sizes, durations and bounds of one run. */
export interface BenchConfig {
  mode: 'full' | 'quick';
  connections: number;
  /** Length of each timed scenario. */
  durationSec: number;
  /** When set, each timed scenario sends this many requests instead of running for durationSec (quick mode: a
   * starved CI machine still gets answers, where a 1 s window may close before a slow system's first one). */
  fixedAmount?: number;
  /** Unmeasured load before each timed scenario, so the JIT and caches are warm for every system alike. */
  warmupSec: number;
  usersSmall: number;
  usersLarge: number;
  groups: number;
  bigGroupMembers: number;
  /** Members of the second group the hubs and the in-memory ceiling grow after the scenarios, before the final
   * peak RSS is read (at most usersLarge). The timed group scenarios stay on the bigGroupMembers group. */
  rssGroupMembers: number;
  memberAdds: number;
  memberChunk: number;
  preloadConcurrency: number;
  /** A system whose preload takes longer than this is marked failed (keeps every run bounded). */
  maxPreloadSec: number;
  startTimeoutSec: number;
  outDir: string;
  systems: SystemId[];
  /** `--profile`: the hub systems run with V8's sampling profiler around each timed scenario (bench/src/profile). */
  profile: boolean;
  /** Where a profiled run writes its .cpuprofile files (set by the run when profile is on). */
  profileDir?: string;
}

/** A preset of sizes and bounds (the full run's or the quick one's). */
export type Preset = Omit<BenchConfig, 'mode' | 'outDir' | 'systems' | 'profile' | 'profileDir'>;

export const FULL: Preset = {
  connections: 32,
  durationSec: 10,
  warmupSec: 2,
  usersSmall: 10_000,
  usersLarge: 100_000,
  groups: 10_000,
  bigGroupMembers: 10_000,
  rssGroupMembers: 50_000,
  memberAdds: 100,
  memberChunk: 500,
  preloadConcurrency: 32,
  maxPreloadSec: 1_200,
  startTimeoutSec: 90,
};

const QUICK: Preset = {
  ...FULL,
  fixedAmount: 64,
  warmupSec: 0,
  usersSmall: 100,
  usersLarge: 200,
  groups: 10,
  bigGroupMembers: 50,
  rssGroupMembers: 150,
  memberAdds: 20,
  memberChunk: 25,
  maxPreloadSec: 60,
  startTimeoutSec: 60,
};

/** The root of the repository (bench/src/..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Reads `--flag value` options of a command line: the raw value, or a positive integer with a fallback. */
export function flagReader(argv: string[]): { value(flag: string): string | undefined; whole(flag: string, fallback: number): number } {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const whole = (flag: string, fallback: number): number => {
    const given = value(flag);
    if (given === undefined) return fallback;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got ${given}`);
    return n;
  };
  return { value, whole };
}

/** Reads `--quick`, `--out-dir <dir>`, `--systems a,b`, `--duration <s>` (timed scenarios even when quick),
 * `--users-small` / `--users-large` / `--groups <n>` (smaller sizes for a quicker look while profiling) and
 * `--profile`. */
export function parseArgs(argv: string[]): BenchConfig {
  const { value, whole: size } = flagReader(argv);
  const quick = argv.includes('--quick');
  const systems = (value('--systems')?.split(',') ?? [...SYSTEM_IDS]) as SystemId[];
  const unknown = systems.filter((s) => !(SYSTEM_IDS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--systems: unknown ${unknown.join(', ')} (known: ${SYSTEM_IDS.join(', ')})`);
  const base = quick ? QUICK : FULL;
  const duration = value('--duration');
  const usersSmall = size('--users-small', base.usersSmall);
  const usersLarge = size('--users-large', base.usersLarge);
  if (usersLarge < Math.max(usersSmall, base.bigGroupMembers + base.memberAdds)) {
    throw new Error(`--users-large must be at least ${Math.max(usersSmall, base.bigGroupMembers + base.memberAdds)}`);
  }
  return {
    ...base,
    usersSmall,
    usersLarge,
    groups: size('--groups', base.groups),
    rssGroupMembers: Math.min(base.rssGroupMembers, usersLarge),
    mode: quick ? 'quick' : 'full',
    durationSec: duration ? Number(duration) : base.durationSec,
    fixedAmount: duration ? undefined : base.fixedAmount,
    outDir: path.resolve(value('--out-dir') ?? path.join(REPO_ROOT, 'bench', 'results')),
    systems,
    profile: argv.includes('--profile'),
  };
}
