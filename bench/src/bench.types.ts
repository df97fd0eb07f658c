// Shapes shared by the harness: what a run measures and what the reports render.
import type { ProfileSummary } from './profile/cpu-profile.parts';

/** The systems every run puts side by side, in table order. The `-before` systems are another hub build (env
 * BENCH_BASELINE_MAIN) measured in the same run for the before/after table; skipped when it is not set. */
export const SYSTEM_IDS = ['ceiling', 'durable', 'peer', 'hub-sqlite-before', 'hub-sqlite', 'hub-postgres-before', 'hub-postgres'] as const;
/** One of the measured systems. */
export type SystemId = (typeof SYSTEM_IDS)[number];

/** The scenarios every system goes through, in the order they run. */
export const SCENARIO_IDS = [
  'filter-small',
  'filter-large',
  'group-get',
  'group-add-member',
  'patch-replace',
  'create',
  'entra-mix',
] as const;
/** One of the scenarios. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** measured: figures are real; the others say why a row has none (n/a: the system does not serve the scenario). */
export type RowStatus = 'measured' | 'not built' | 'skipped' | 'failed' | 'n/a';

/** Systems whose req/s every row is compared with (the `× …` columns). */
export const REFERENCE_IDS = ['ceiling', 'durable', 'peer'] as const;
/** One of the reference systems. */
export type ReferenceId = (typeof REFERENCE_IDS)[number];

/** What a load produced: counts and latencies of one scenario against one system. */
export interface LoadFigures {
  requests: number;
  ok: number;
  /** Non-2xx answers, connection errors, timeouts and 2xx answers whose body was wrong. */
  errors: number;
  durationSec: number;
  okPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One row of the table: a system under one scenario. */
export interface ResultRow extends LoadFigures {
  system: SystemId;
  scenario: ScenarioId;
  label: string;
  status: RowStatus;
  note?: string;
  /** Server CPU time (user + system) spent during the scenario. */
  cpuSec: number;
  /** cpuSec over the scenario's wall time, in percent of one core. */
  cpuPercent: number;
  /** Server CPU milliseconds per successful request. */
  cpuMsPerOk: number;
  /** VmHWM of the server process after the scenario (peak since it started). */
  peakRssMb: number;
  /** The server's main thread alone (the one running Node.js's event loop): its CPU milliseconds per successful
   * request, and its CPU over the scenario's wall time in percent of one core. It cannot pass 100 %: a server whose
   * main thread is near that is bound by it, whatever the machine's other CPUs do. Absent for the rows of a system
   * that did not run (and in results of older runs). */
  mainThreadCpuMsPerOk?: number;
  mainThreadPercent?: number;
  /** CPU milliseconds per successful request of the system's database server (all its processes), when that server
   * runs on this machine (the hub on PostgreSQL); absent otherwise. */
  dbCpuMsPerOk?: number;
  /** req/s over each reference system's req/s in the same scenario; null when either was not measured. */
  ratios?: Record<ReferenceId, number | null>;
  /** With --profile: where the server's CPU went during the scenario, and the profile's file (relative to the
   * results folder). */
  profile?: ProfileSummary & { file: string };
}

/** How fast a system took the preload, and its memory once everything was loaded. */
export interface SystemSummary {
  system: SystemId;
  name: string;
  status: RowStatus;
  note?: string;
  usersLoaded: number;
  groupsLoaded: number;
  usersPreloadPerSec: number;
  /** VmHWM right after users and groups were preloaded. */
  loadedPeakRssMb: number;
  /** Members of the second group grown after the scenarios (0 when the system does not take that step). */
  rssGroupMembers: number;
  /** VmHWM once that group was grown: the peak of the whole run, with every user, group and that group present
   * (the RSS target's condition). */
  finalPeakRssMb: number;
}

/** One line of the "CPU ms per request, before → after" table: a hub build against the baseline build. */
export interface BeforeAfter {
  store: 'sqlite' | 'postgres';
  scenario: ScenarioId;
  beforeCpuMs: number | null;
  afterCpuMs: number | null;
  /** after / before; null when either was not measured. */
  ratio: number | null;
}

/** A target from the issue, reported (never asserted). */
export interface TargetCheck {
  system: SystemId;
  target: string;
  verdict: 'met' | 'missed' | 'n/a';
  detail: string;
}

/** Where the run happened, read at run time. */
export interface MachineInfo {
  nproc: string;
  cpuModel: string;
  memory: string;
  node: string;
  platform: string;
}

/** Everything one run produced; written as JSON and rendered as table and Markdown. */
export interface BenchResult {
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  settings: Record<string, number>;
  systems: SystemSummary[];
  rows: ResultRow[];
  beforeAfter: BeforeAfter[];
  targets: TargetCheck[];
}
