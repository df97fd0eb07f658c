// The performance targets, checked against a run and reported as met / missed by how much (never asserted).
import type { BenchConfig } from './bench.config';
import type { BenchResult, ResultRow, ScenarioId, SystemId, SystemSummary, TargetCheck } from './bench.types';
import { count } from './scenario.loads';

const HUBS: SystemId[] = ['hub-sqlite', 'hub-postgres'];

function measured(result: BenchResult, system: SystemId, scenario: ScenarioId): ResultRow | undefined {
  return result.rows.find((r) => r.system === system && r.scenario === scenario && r.status === 'measured');
}

function atLeastRatio(system: SystemId, target: string, hub: ResultRow | undefined, base: ResultRow | undefined, needed: number, baseName: string): TargetCheck {
  if (!hub || !base || base.okPerSec === 0) return { system, target, verdict: 'n/a', detail: `no measured ${hub ? baseName : 'hub'} figure` };
  const ratio = hub.okPerSec / base.okPerSec;
  const figure = `${ratio.toFixed(2)}× ${baseName} (${hub.okPerSec.toFixed(0)} vs ${base.okPerSec.toFixed(0)} req/s)`;
  if (ratio >= needed) return { system, target, verdict: 'met', detail: figure };
  return { system, target, verdict: 'missed', detail: `${figure}: missed by ${(100 * (1 - ratio / needed)).toFixed(0)}% of the ${needed}× needed` };
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

function hubTargets(result: BenchResult, config: BenchConfig, hub: SystemSummary): TargetCheck[] {
  const id = hub.system;
  const row = (system: SystemId, scenario: ScenarioId) => measured(result, system, scenario);
  const large = count(config.usersLarge);
  const filterLarge = row(id, 'filter-large');
  const memberAdd = row(id, 'group-add-member');
  return [
    atLeastRatio(id, 'creates ≥ 0.5× ceiling', row(id, 'create'), row('ceiling', 'create'), 0.5, 'ceiling'),
    both(
      atLeastRatio(id, '', filterLarge, row('ceiling', 'filter-large'), 0.6, 'ceiling'),
      atMost(id, '', filterLarge?.p99Ms, 25, 'ms'),
      `filter at ${large} users ≥ 0.6× ceiling and p99 ≤ 25 ms`,
    ),
    atLeastRatio(id, 'creates ≥ 10× peer', row(id, 'create'), row('peer', 'create'), 10, 'peer'),
    atLeastRatio(id, `filter at ${count(config.usersSmall)} users ≥ 10× peer`, row(id, 'filter-small'), row('peer', 'filter-small'), 10, 'peer'),
    atLeastRatio(id, `filter at ${large} users ≥ 10× peer`, filterLarge, row('peer', 'filter-large'), 10, 'peer'),
    atMost(id, `${config.memberAdds} member adds to a ${count(config.bigGroupMembers)}-member group: p99 ≤ 50 ms`, memberAdd?.p99Ms, 50, 'ms'),
    atMost(id, `peak RSS ≤ 300 MB with ${large} users and ${count(config.groups)} groups loaded`, hub.loadedPeakRssMb || undefined, 300, 'MB'),
  ];
}

/** Every target for every hub system in the run; a hub that was not measured gets one n/a line saying why. */
export function checkTargets(result: BenchResult, config: BenchConfig): TargetCheck[] {
  return result.systems
    .filter((s) => HUBS.includes(s.system))
    .flatMap((hub) =>
      hub.status === 'measured' ? hubTargets(result, config, hub) : [{ system: hub.system, target: 'all targets', verdict: 'n/a' as const, detail: `${hub.status}: ${hub.note ?? ''}` }],
    );
}
