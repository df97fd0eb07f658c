import type { ResultRow } from './bench.types';
import { describeHeadroom, headroomOf } from './headroom';

function row(figures: Partial<ResultRow>): ResultRow {
  return {
    system: 'hub-sqlite', scenario: 'create', label: 'create', status: 'measured',
    requests: 0, ok: 0, errors: 0, durationSec: 10, okPerSec: 0, p50Ms: 0, p99Ms: 0, maxMs: 0,
    cpuSec: 0, cpuPercent: 0, cpuMsPerOk: 0, peakRssMb: 0,
    ...figures,
  };
}

describe('headroomOf', () => {
  it('gives the main thread one core and the server all CPUs at the rate asked for', () => {
    const h = headroomOf(row({ cpuMsPerOk: 0.35, mainThreadCpuMsPerOk: 0.29 }), 5000, 2);
    expect(h).toEqual({ neededPerSec: 5000, mainBudgetMs: 0.2, mainMs: 0.29, machineBudgetMs: 0.4, machineMs: 0.35, cpus: 2 });
  });

  it("counts the database server's CPU with the server's", () => {
    const h = headroomOf(row({ cpuMsPerOk: 0.5, dbCpuMsPerOk: 0.6, mainThreadCpuMsPerOk: 0.4 }), 4000, 2);
    expect(h?.machineMs).toBeCloseTo(1.1, 10);
    expect(h?.machineBudgetMs).toBeCloseTo(0.5, 10);
  });

  it('has no budget without a main-thread figure, a rate or CPUs', () => {
    expect(headroomOf(row({ cpuMsPerOk: 0.3 }), 5000, 2)).toBeUndefined();
    expect(headroomOf(row({ mainThreadCpuMsPerOk: 0.3 }), 0, 2)).toBeUndefined();
    expect(headroomOf(row({ mainThreadCpuMsPerOk: 0.3 }), 5000, Number.NaN)).toBeUndefined();
  });
});

describe('describeHeadroom', () => {
  it('says how much of each spend must go, or that it fits', () => {
    const text = describeHeadroom({ neededPerSec: 5000, mainBudgetMs: 0.2, mainMs: 0.25, machineBudgetMs: 0.4, machineMs: 0.35, cpus: 2 }, false);
    expect(text).toBe(
      'at 5000 req/s the main thread has 0.200 ms per request (it spends 0.250, 20 % of it must go) and the server ' +
        "0.400 ms of the 2 CPUs before the load generator's share (it spends 0.350, within it)",
    );
  });

  it('names the database when its CPU is counted', () => {
    const text = describeHeadroom({ neededPerSec: 4000, mainBudgetMs: 0.25, mainMs: 0.4, machineBudgetMs: 0.5, machineMs: 1.1, cpus: 2 }, true);
    expect(text).toContain('the server and its database 0.500 ms of the 2 CPUs');
    expect(text).toContain('they spend 1.100, 55 % of it must go');
  });
});
