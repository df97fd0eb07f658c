// Figures derived from the rows of one run: each row's req/s against the reference systems, and the hub's CPU
// ms per request before → after (the baseline build against this one).
import { REFERENCE_IDS, SCENARIO_IDS, type BeforeAfter, type ReferenceId, type ResultRow, type SystemId } from './bench.types';

function measuredRow(rows: ResultRow[], system: SystemId, scenario: string): ResultRow | undefined {
  return rows.find((r) => r.system === system && r.scenario === scenario && r.status === 'measured');
}

/** row's req/s over the reference's in the same scenario; null when either has no measured figure. */
export function referenceRatio(rows: ResultRow[], row: ResultRow, reference: ReferenceId): number | null {
  const base = measuredRow(rows, reference, row.scenario);
  if (row.status !== 'measured' || !base || base.okPerSec === 0) return null;
  return row.okPerSec / base.okPerSec;
}

/** The rows with their `ratios` set (for the JSON). */
export function withRatios(rows: ResultRow[]): ResultRow[] {
  return rows.map((row) => ({
    ...row,
    ratios: Object.fromEntries(REFERENCE_IDS.map((id) => [id, referenceRatio(rows, row, id)])) as Record<ReferenceId, number | null>,
  }));
}

const STORES = [
  { store: 'sqlite', before: 'hub-sqlite-before', after: 'hub-sqlite' },
  { store: 'postgres', before: 'hub-postgres-before', after: 'hub-postgres' },
] as const;

/** CPU ms per request before → after for every store whose baseline system was measured in the run. */
export function beforeAfter(rows: ResultRow[]): BeforeAfter[] {
  return STORES.filter(({ before }) => rows.some((r) => r.system === before && r.status === 'measured')).flatMap(({ store, before, after }) =>
    SCENARIO_IDS.map((scenario) => {
      const beforeCpuMs = measuredRow(rows, before, scenario)?.cpuMsPerOk ?? null;
      const afterCpuMs = measuredRow(rows, after, scenario)?.cpuMsPerOk ?? null;
      const ratio = beforeCpuMs && afterCpuMs !== null ? afterCpuMs / beforeCpuMs : null;
      return { store, scenario, beforeCpuMs, afterCpuMs, ratio };
    }),
  );
}
