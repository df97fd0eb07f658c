import type { BenchConfig } from './bench.config';
import type { BenchResult, ResultRow, ScenarioId, SystemId, SystemSummary } from './bench.types';
import { checkTargets } from './targets';

function row(system: SystemId, scenario: ScenarioId, okPerSec: number, extra: Partial<ResultRow> = {}): ResultRow {
  return {
    system, scenario, label: scenario, status: 'measured',
    requests: 0, ok: okPerSec * 10, errors: 0, durationSec: 10, okPerSec, p50Ms: 1, p99Ms: 5, maxMs: 9,
    cpuSec: 0, cpuPercent: 0, cpuMsPerOk: 0, peakRssMb: 0,
    ...extra,
  };
}

const hub: SystemSummary = {
  system: 'hub-sqlite', name: 'hub', status: 'measured', usersLoaded: 100_000, groupsLoaded: 10_000, usersPreloadPerSec: 1,
  loadedPeakRssMb: 200, rssGroupMembers: 50_000, finalPeakRssMb: 240,
};

function result(rows: ResultRow[]): BenchResult {
  return {
    mode: 'full', startedAt: '', finishedAt: '', settings: {}, systems: [hub], rows, beforeAfter: [], targets: [],
    machine: { nproc: '2', cpuModel: 'test', memory: '', node: '', platform: '' },
  };
}

const config = { usersLarge: 100_000, memberAdds: 100, bigGroupMembers: 10_000 } as BenchConfig;
const target = (rows: ResultRow[], name: string) => checkTargets(result(rows), config).find((t) => t.target === name);

describe('checkTargets: the CPU budget of a missed throughput target', () => {
  it("appends what the rate asked for leaves each request of the hub's main thread and of the machine", () => {
    const rows = [row('durable', 'create', 10_000), row('hub-sqlite', 'create', 2_500, { cpuMsPerOk: 0.35, mainThreadCpuMsPerOk: 0.3 })];
    const create = target(rows, 'creates ≥ 0.5× durable ceiling');
    expect(create?.verdict).toBe('missed');
    expect(create?.detail).toBe(
      '0.25× durable (2500 vs 10000 req/s): missed by 50% of the 0.5× needed; at 5000 req/s the main thread has 0.200 ms per ' +
        "request (it spends 0.300, 33 % of it must go) and the server 0.400 ms of the 2 CPUs before the load generator's share " +
        '(it spends 0.350, within it)',
    );
  });

  it('leaves a met target and a row without a main-thread figure as they were', () => {
    const rows = [
      row('peer', 'create', 1_000),
      row('hub-sqlite', 'create', 3_500, { mainThreadCpuMsPerOk: 0.25 }),
      row('peer', 'patch-replace', 1_000),
      row('hub-sqlite', 'patch-replace', 2_000),
    ];
    expect(target(rows, 'create ≥ 3× peer')).toMatchObject({ verdict: 'met', detail: '3.50× peer (3500 vs 1000 req/s)' });
    expect(target(rows, 'patch-replace ≥ 3× peer')).toMatchObject({ verdict: 'missed', detail: '2.00× peer (2000 vs 1000 req/s): missed by 33% of the 3× needed' });
  });
});
