// The performance targets, checked against a run and reported as met / missed by how much (never asserted).
import type { BenchConfig } from './bench.config';
import { SCENARIO_IDS, type BenchResult, type ResultRow, type ScenarioId, type SystemId, type SystemSummary, type TargetCheck } from './bench.types';
import { describeHeadroom, headroomOf } from './headroom';
import { rate } from './report.render';
import { count } from './scenario.loads';

/** The hub builds the targets are for, each with the baseline build its CPU cost is compared with. */
const HUBS: Partial<Record<SystemId, SystemId>> = { 'hub-sqlite': 'hub-sqlite-before', 'hub-postgres': 'hub-postgres-before' };

/** Scenarios whose CPU ms per request must at least halve against the baseline build. */
export const HALVED: readonly ScenarioId[] = ['filter-large', 'create', 'patch-replace'];

function measured(result: BenchResult, system: SystemId, scenario: ScenarioId): ResultRow | undefined {
  return result.rows.find((r) => r.system === system && r.scenario === scenario && r.status === 'measured');
}

/** A req/s target relative to a reference system; when missed, with the CPU budget of the rate it asks for on `cpus`
 * CPUs (headroom.ts), so the line says how much CPU per request must go before the target is possible at all. */
function atLeastRatio(system: SystemId, target: string, hub: ResultRow | undefined, base: ResultRow | undefined, needed: number, baseName: string, cpus: number): TargetCheck {
  if (!hub || !base || base.okPerSec === 0) return { system, target, verdict: 'n/a', detail: `no measured ${hub ? baseName : 'hub'} figure` };
  const ratio = hub.okPerSec / base.okPerSec;
  const figure = `${ratio.toFixed(2)}× ${baseName} (${rate(hub.okPerSec)} vs ${rate(base.okPerSec)} req/s)`;
  if (ratio >= needed) return { system, target, verdict: 'met', detail: figure };
  const missed = `${figure}: missed by ${(100 * (1 - ratio / needed)).toFixed(0)}% of the ${needed}× needed`;
  const headroom = headroomOf(hub, needed * base.okPerSec, cpus);
  return { system, target, verdict: 'missed', detail: headroom ? `${missed}; ${describeHeadroom(headroom, hub.dbCpuMsPerOk !== undefined)}` : missed };
}

function atMost(system: SystemId, target: string, value: number | undefined, limit: number, unit: string): TargetCheck {
  if (value === undefined) return { system, target, verdict: 'n/a', detail: 'not measured' };
  const figure = `${value.toFixed(1)} ${unit}`;
  if (value <= limit) return { system, target, verdict: 'met', detail: figure };
  return { system, target, verdict: 'missed', detail: `${figure}: missed by ${(value - limit).toFixed(1)} ${unit}` };
}

function both(first: TargetCheck, second: TargetCheck, target: string): TargetCheck {
  const verdict = first.verdict === 'n/a' || second.verdict === 'n/a' ? 'n/a' : first.verdict === 'met' && second.verdict === 'met' ? 'met' : 'missed';
  return { system: first.system, target, verdict, detail: `${first.detail}; p99 ${second.detail}` };
}

function cpuHalved(system: SystemId, baseline: SystemId, scenario: ScenarioId, after: ResultRow | undefined, before: ResultRow | undefined): TargetCheck {
  const target = `${scenario}: CPU ms/req ≤ 0.5× before`;
  if (!after || !before || before.cpuMsPerOk === 0) return { system, target, verdict: 'n/a', detail: `no measured ${after ? baseline : system} figure` };
  const ratio = after.cpuMsPerOk / before.cpuMsPerOk;
  const figure = `${ratio.toFixed(2)}× before (${after.cpuMsPerOk.toFixed(3)} vs ${before.cpuMsPerOk.toFixed(3)} ms)`;
  return { system, target, verdict: ratio <= 0.5 ? 'met' : 'missed', detail: figure };
}

function hubTargets(result: BenchResult, config: BenchConfig, hub: SystemSummary, baseline: SystemId): TargetCheck[] {
  const id = hub.system;
  const row = (system: SystemId, scenario: ScenarioId) => measured(result, system, scenario);
  const large = count(config.usersLarge);
  const filterLarge = row(id, 'filter-large');
  const memberAdd = row(id, 'group-add-member');
  const cpus = Number.parseInt(result.machine.nproc, 10);
  // The RSS condition is met only when the run had the sizes; smaller runs still report the figure.
  const memory = `with ${count(hub.usersLoaded)} users, ${count(hub.groupsLoaded)} groups and a ${count(hub.rssGroupMembers)}-member group`;
  return [
    atLeastRatio(id, 'creates ≥ 0.5× durable ceiling', row(id, 'create'), row('durable', 'create'), 0.5, 'durable', cpus),
    both(
      atLeastRatio(id, '', filterLarge, row('ceiling', 'filter-large'), 0.3, 'ceiling', cpus),
      atMost(id, '', filterLarge?.p99Ms, 25, 'ms'),
      `filter at ${large} users ≥ 0.3× ceiling and p99 ≤ 25 ms`,
    ),
    ...HALVED.map((scenario) => cpuHalved(id, baseline, scenario, row(id, scenario), row(baseline, scenario))),
    ...SCENARIO_IDS.map((scenario) => atLeastRatio(id, `${scenario} ≥ 3× peer`, row(id, scenario), row('peer', scenario), 3, 'peer', cpus)),
    atMost(id, `peak RSS ≤ 256 MB ${memory}`, hub.finalPeakRssMb || undefined, 256, 'MB'),
    atMost(id, `${config.memberAdds} member adds to a ${count(config.bigGroupMembers)}-member group: p99 ≤ 50 ms`, memberAdd?.p99Ms, 50, 'ms'),
  ];
}

/** Every target for every hub system in the run; a hub that was not measured gets one n/a line saying why. */
export function checkTargets(result: BenchResult, config: BenchConfig): TargetCheck[] {
  return result.systems.flatMap((hub) => {
    const baseline = HUBS[hub.system];
    if (!baseline) return [];
    if (hub.status !== 'measured') return [{ system: hub.system, target: 'all targets', verdict: 'n/a' as const, detail: `${hub.status}: ${hub.note ?? ''}` }];
    return hubTargets(result, config, hub, baseline);
  });
}
