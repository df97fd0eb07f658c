// The "where the CPU goes" tables of a profiled run: per system, each part's share of the busy samples in each
// scenario, parts ordered by their shares summed over the scenarios.
import type { BenchResult, ResultRow, SystemId } from '../bench.types';

/** One profiled system's table: its header (part, then the scenarios) and cells. */
export interface ProfileTable {
  system: SystemId;
  header: string[];
  cells: string[][];
}

const percent = (share: number): string => `${(100 * share).toFixed(1)} %`;

function tableOf(system: SystemId, rows: ResultRow[]): ProfileTable {
  const totals = new Map<string, number>();
  for (const row of rows) for (const { part, share } of row.profile?.parts ?? []) totals.set(part, (totals.get(part) ?? 0) + share);
  const parts = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([part]) => part);
  const shareIn = (row: ResultRow, part: string): string => {
    const found = row.profile?.parts.find((p) => p.part === part);
    return found ? percent(found.share) : '–';
  };
  return {
    system,
    header: ['part', ...rows.map((r) => r.scenario)],
    cells: [...parts.map((part) => [part, ...rows.map((row) => shareIn(row, part))]), ['busy samples', ...rows.map((r) => String(r.profile?.busySamples ?? 0))]],
  };
}

/** A table per system that has profiled rows, in the run's order. */
export function profileTables(result: BenchResult): ProfileTable[] {
  const systems = [...new Set(result.rows.filter((r) => r.profile).map((r) => r.system))];
  return systems.map((system) => tableOf(system, result.rows.filter((r) => r.system === system && r.profile)));
}

/** What the tables mean, for the reports. */
export const PROFILE_NOTE = [
  'Self time of V8\'s sampling profiler (running inside the server over each timed scenario) summed by part of the',
  'code, as a share of the busy samples (idle left out). Native calls count where they are made from; better-sqlite3\'s',
  'statements called from an SQLite adapter count as SQLite. V8 samples wall time on the main thread: time the',
  'thread waits preempted inside a system call shows as that call. The profiler costs CPU too, so a profiled run\'s',
  'figures are not figures of record. The .cpuprofile files open in Chrome DevTools or VS Code.',
];
