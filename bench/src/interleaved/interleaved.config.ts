// `npm run bench:interleaved` settings: which store, which scenarios, how many users, slices and connections.
import * as path from 'node:path';
import { FULL, REPO_ROOT, flagReader, type BenchConfig } from '../bench.config';
import type { ScenarioId } from '../bench.types';

/** The scenarios an interleaved run can measure: they need users only, no preloaded groups. */
export const INTERLEAVED_SCENARIOS = ['filter-large', 'patch-replace', 'create', 'entra-mix'] as const satisfies readonly ScenarioId[];
/** One of them. */
export type InterleavedScenario = (typeof INTERLEAVED_SCENARIOS)[number];

/** An interleaved comparison of two hub builds on one store. */
export interface InterleavedConfig {
  store: 'sqlite' | 'postgres';
  scenarios: InterleavedScenario[];
  users: number;
  /** Measured slices per build and scenario (after one unmeasured warm-up slice each). */
  slices: number;
  sliceSec: number;
  /** Rounds of fresh processes; they alternate which build starts first, and their slices are pooled. */
  rounds: number;
  connections: number;
  /** Both sides run this checkout's build: the run measures the harness's own bias and spread (an A/A run). */
  same: boolean;
  /** Harness and builds on separate CPUs (cpu-pinning.ts); `--no-pin` leaves placement to the scheduler. */
  pin: boolean;
  outDir: string;
}

const DEFAULTS = { store: 'sqlite', scenarios: ['filter-large', 'patch-replace', 'create'], users: 5_000, slices: 8, sliceSec: 3, rounds: 2, connections: FULL.connections } as const;

/** Reads `--store`, `--scenarios a,b`, `--users`, `--slices`, `--slice-sec`, `--rounds`, `--connections`, `--same`, `--no-pin`, `--out-dir`. */
export function parseInterleavedArgs(argv: string[]): InterleavedConfig {
  const { value, whole } = flagReader(argv);
  const store = value('--store') ?? DEFAULTS.store;
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store: sqlite or postgres, got ${store}`);
  const scenarios = value('--scenarios')?.split(',') ?? [...DEFAULTS.scenarios];
  const unknown = scenarios.filter((s) => !(INTERLEAVED_SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--scenarios: ${unknown.join(', ')} not measurable interleaved (known: ${INTERLEAVED_SCENARIOS.join(', ')})`);
  return {
    store,
    scenarios: scenarios as InterleavedScenario[],
    users: whole('--users', DEFAULTS.users),
    slices: whole('--slices', DEFAULTS.slices),
    sliceSec: whole('--slice-sec', DEFAULTS.sliceSec),
    rounds: whole('--rounds', DEFAULTS.rounds),
    connections: whole('--connections', DEFAULTS.connections),
    same: argv.includes('--same'),
    pin: !argv.includes('--no-pin'),
    outDir: path.resolve(value('--out-dir') ?? path.join(REPO_ROOT, 'bench', 'results')),
  };
}

/** The bench's own config for the scenario loads: one user population, slices as the duration. */
export function loadConfigOf(config: InterleavedConfig): BenchConfig {
  return {
    ...FULL,
    mode: 'full',
    usersSmall: config.users,
    usersLarge: config.users,
    connections: config.connections,
    durationSec: config.sliceSec,
    fixedAmount: undefined,
    outDir: config.outDir,
    systems: [],
    profile: false,
  };
}
