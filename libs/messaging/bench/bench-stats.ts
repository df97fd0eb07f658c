// Small statistics for the bus benchmark: percentiles of a latency sample and a printed table.

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** One line of the result table. */
export interface BusBenchRow {
  bus: string;
  metric: string;
  value: string;
}

/** Prints rows as an aligned table. */
export function printRows(rows: readonly BusBenchRow[]): void {
  const widths = [4, 6, 5].map((w, i) => Math.max(w, ...rows.map((r) => [r.bus, r.metric, r.value][i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(['bus', 'metric', 'value']));
  for (const r of rows) console.log(line([r.bus, r.metric, r.value]));
}
