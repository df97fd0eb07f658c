// Turns the slices of an interleaved run into figures (CPU ms per request of each build, their ratio and its spread
// over the pairs of slices) and renders them as a table and as Markdown. Pure: no processes, no clock.
import type { MachineInfo } from '../bench.types';
import { HALVED } from '../targets';
import type { Pinning } from './cpu-pinning';
import type { InterleavedConfig, InterleavedScenario } from './interleaved.config';

/** What one slice of load on one build produced. */
export interface Slice {
  /** Server CPU seconds over the slice and the work it left behind. */
  cpuSec: number;
  /** Successful requests. */
  ok: number;
  errors: number;
  durationSec: number;
  p99Ms: number;
}

/** The two builds' slices of one scenario; slice i of each side makes pair i. */
export interface ScenarioSlices {
  scenario: InterleavedScenario;
  label: string;
  before: Slice[];
  after: Slice[];
}

/** One build's totals over its slices. */
export interface SideFigures {
  cpuMsPerOk: number;
  okPerSec: number;
  errors: number;
  /** The highest p99 of a slice. */
  worstP99Ms: number;
}

/** One line of the interleaved table. */
export interface InterleavedRow {
  scenario: InterleavedScenario;
  label: string;
  before: SideFigures;
  after: SideFigures;
  /** after / before of the CPU ms per request over all slices. */
  ratio: number;
  /** The lowest and highest after / before of a single pair of slices: how far one pair can stray. */
  pairRange: [number, number];
  /** Pairs of slices measured (slices per round × rounds). */
  pairs: number;
}

/** A whole run, as written to JSON. */
export interface InterleavedResult {
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  settings: Omit<InterleavedConfig, 'outDir'>;
  pinning: Pinning;
  /** What ran on each side (build paths, or the same build twice). */
  builds: { before: string; after: string };
  rows: InterleavedRow[];
}

const cpuMsPerOk = (cpuSec: number, ok: number): number => (ok > 0 ? (1000 * cpuSec) / ok : Number.NaN);
const sum = (slices: Slice[], pick: (s: Slice) => number): number => slices.reduce((total, s) => total + pick(s), 0);

function side(slices: Slice[]): SideFigures {
  const ok = sum(slices, (s) => s.ok);
  const seconds = sum(slices, (s) => s.durationSec);
  return {
    cpuMsPerOk: cpuMsPerOk(sum(slices, (s) => s.cpuSec), ok),
    okPerSec: seconds > 0 ? ok / seconds : 0,
    errors: sum(slices, (s) => s.errors),
    worstP99Ms: Math.max(0, ...slices.map((s) => s.p99Ms)),
  };
}

/** The row of one scenario; both sides must have the same number of slices. */
export function interleavedRow(slices: ScenarioSlices): InterleavedRow {
  if (slices.before.length !== slices.after.length || slices.before.length === 0) {
    throw new Error(`${slices.scenario}: ${slices.before.length} slices before and ${slices.after.length} after; need the same number, at least one`);
  }
  const before = side(slices.before);
  const after = side(slices.after);
  const pairs = slices.before.map((b, i) => cpuMsPerOk(slices.after[i].cpuSec, slices.after[i].ok) / cpuMsPerOk(b.cpuSec, b.ok));
  return {
    scenario: slices.scenario,
    label: slices.label,
    before,
    after,
    ratio: after.cpuMsPerOk / before.cpuMsPerOk,
    pairRange: [Math.min(...pairs), Math.max(...pairs)],
    pairs: pairs.length,
  };
}

const HEADER = ['scenario', 'CPU ms/req before', 'CPU ms/req after', 'after / before', 'pairs min–max', 'req/s before', 'req/s after', 'errors', 'target ≤ 0.5×'];

/** The CPU target (at most half the baseline's CPU per request) for the scenarios it names; none in an A/A run. */
export function cpuTargetVerdict(row: InterleavedRow, same: boolean): string {
  if (same || !HALVED.includes(row.scenario) || !Number.isFinite(row.ratio)) return '–';
  return row.ratio <= 0.5 ? 'met' : `missed by ${(100 * (row.ratio / 0.5 - 1)).toFixed(0)}%`;
}

function cells(row: InterleavedRow, same: boolean): string[] {
  const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');
  const x = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(3)}×` : '–');
  return [
    row.scenario,
    ms(row.before.cpuMsPerOk),
    ms(row.after.cpuMsPerOk),
    x(row.ratio),
    `${x(row.pairRange[0])}–${x(row.pairRange[1])}`,
    row.before.okPerSec.toFixed(0),
    row.after.okPerSec.toFixed(0),
    `${row.before.errors} / ${row.after.errors}`,
    cpuTargetVerdict(row, same),
  ];
}

function runSummary(result: InterleavedResult): string {
  const s = result.settings;
  const what = s.same ? 'the same build on both sides (A/A: the harness\'s own bias and spread)' : 'baseline build (before) against this build (after)';
  const placement = 'builds' in result.pinning ? `harness on CPU ${result.pinning.harness}, builds on CPU ${result.pinning.builds}` : `not pinned (${result.pinning.unpinned})`;
  return `${what}; ${s.store}, ${s.users} users each, ${s.rounds} round(s) of fresh processes (alternating which build starts first), each with ${s.slices} slices of ${s.sliceSec} s per build and scenario after a warm-up slice, ${s.connections} connections; ${placement}`;
}

/** The plain-text table for stdout. */
export function renderInterleavedText(result: InterleavedResult): string {
  const rows = [HEADER, ...result.rows.map((row) => cells(row, result.settings.same))];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  return [`Interleaved: ${runSummary(result)}`, '', ...lines].join('\n');
}

/** The Markdown report (machine, settings, table) for docs/performance.md. */
export function renderInterleavedMarkdown(result: InterleavedResult): string {
  const m = result.machine;
  const table = [HEADER, HEADER.map(() => '---'), ...result.rows.map((row) => cells(row, result.settings.same))].map((r) => `| ${r.join(' | ')} |`);
  return [
    `# Interleaved run ${result.startedAt}`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), Node.js ${m.node}, ${m.platform}.`,
    '',
    `${runSummary(result)}.`,
    `Before: \`${result.builds.before}\`; after: \`${result.builds.after}\`.`,
    '',
    ...table,
    '',
  ].join('\n');
}
