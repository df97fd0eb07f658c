// Takes one system through the whole run: start, preload, every scenario, stop, clean up. Whatever happens, the
// system ends with one row per scenario (figures, or the reason there are none) and its child is gone.
import type { BenchConfig } from './bench.config';
import { SCENARIO_IDS, type ResultRow, type RowStatus, type ScenarioId, type SystemSummary } from './bench.types';
import { runLoad } from './load.runner';
import { fillGroup, preloadGroups, preloadUsers } from './preload';
import { readProfileSummary } from './profile/profile.files';
import { ProfilerControl } from './profile/profiler.control';
import { readCommandCpuSeconds, readCpuSeconds, readMainThreadCpuSeconds, readPeakRssMb, waitIdle } from './proc.stats';
import { scenarioLoad, type BenchState } from './scenario.loads';
import { ScimClient } from './scim.client';
import { lastLines, startSystem, type LaunchSpec, type RunningSystem } from './system.process';
import { SkipSystem, type SystemPlan } from './systems';

/** A system's summary and its rows. */
export interface SystemOutcome {
  summary: SystemSummary;
  rows: ResultRow[];
}

type Log = (line: string) => void;

const IDLE_WAIT_SEC = 60;

/** The system did not come up (its status is then the plan's startFailure). */
class StartFailure extends Error {}

function emptyRow(plan: SystemPlan, scenario: ScenarioId, status: RowStatus, note: string): ResultRow {
  const zero = { requests: 0, ok: 0, errors: 0, durationSec: 0, okPerSec: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, cpuSec: 0, cpuPercent: 0, cpuMsPerOk: 0, peakRssMb: 0 };
  return { system: plan.id, scenario, label: scenario, status, note, ...zero };
}

function completeRows(plan: SystemPlan, rows: ResultRow[], status: RowStatus, note: string): ResultRow[] {
  const done = new Set(rows.map((r) => r.scenario));
  return [...rows, ...SCENARIO_IDS.filter((s) => !done.has(s)).map((s) => emptyRow(plan, s, status, note))];
}

async function measure(system: RunningSystem, plan: SystemPlan, scenario: ScenarioId, state: BenchState, config: BenchConfig, profiler?: ProfilerControl): Promise<ResultRow> {
  const { label, ...load } = scenarioLoad(scenario, state, config);
  const target = { port: system.port, token: system.token };
  await waitIdle(system.pid, IDLE_WAIT_SEC);
  if (load.durationSec && config.warmupSec > 0) {
    await runLoad({ ...load, ...target, durationSec: config.warmupSec, watchdogSec: config.warmupSec + 30 });
    await waitIdle(system.pid, IDLE_WAIT_SEC);
  }
  const database = plan.databaseServer;
  await profiler?.start();
  const dbBefore = database ? readCommandCpuSeconds(database) : 0;
  // The main thread is read inside the process's span, so what it counts the process has counted too.
  const cpuBefore = readCpuSeconds(system.pid);
  const mainBefore = readMainThreadCpuSeconds(system.pid);
  const figures = await runLoad({ ...load, ...target });
  const mainSec = readMainThreadCpuSeconds(system.pid) - mainBefore;
  const cpuSec = readCpuSeconds(system.pid) - cpuBefore;
  const dbSec = database ? readCommandCpuSeconds(database) - dbBefore : 0;
  const profileFile = await profiler?.stop(`${plan.id}-${scenario}`);
  // Over the span to the last answer: autocannon idles up to 1 s after a fixed amount of requests.
  const percent = (sec: number): number => (figures.durationSec > 0 ? (100 * sec) / figures.durationSec : 0);
  const perOk = (sec: number): number => (figures.ok > 0 ? (1000 * sec) / figures.ok : 0);
  const row: ResultRow = {
    system: plan.id,
    scenario,
    label,
    status: 'measured',
    ...figures,
    cpuSec,
    cpuPercent: percent(cpuSec),
    cpuMsPerOk: perOk(cpuSec),
    peakRssMb: readPeakRssMb(system.pid),
    mainThreadCpuMsPerOk: perOk(mainSec),
    mainThreadPercent: percent(mainSec),
  };
  if (database) row.dbCpuMsPerOk = perOk(dbSec);
  if (profileFile) row.profile = readProfileSummary(profileFile, config.outDir);
  return row;
}

const GROUP_SCENARIOS: readonly ScenarioId[] = ['group-get', 'group-add-member'];

const serves = (plan: SystemPlan, scenario: ScenarioId): boolean => !plan.serves || plan.serves.includes(scenario);

async function preloadAll(client: ScimClient, system: RunningSystem, plan: SystemPlan, summary: SystemSummary, config: BenchConfig, log: Log, onSmall: () => Promise<void>): Promise<BenchState> {
  const deadline = Date.now() + config.maxPreloadSec * 1000;
  const userIds: string[] = [];
  let preloadMs = 0;
  for (const [from, to] of [[0, config.usersSmall], [config.usersSmall, config.usersLarge]]) {
    const started = Date.now();
    await preloadUsers(client, userIds, from, to, config.preloadConcurrency, deadline);
    preloadMs += Date.now() - started;
    summary.usersLoaded = to;
    log(`  ${summary.system}: ${to} users loaded`);
    if (to === config.usersSmall) await onSmall();
  }
  summary.usersPreloadPerSec = (1000 * config.usersLarge) / Math.max(1, preloadMs);
  if (!GROUP_SCENARIOS.some((s) => serves(plan, s))) {
    summary.loadedPeakRssMb = readPeakRssMb(system.pid);
    return { userIds, bigGroupId: '', outsiderIds: [] };
  }
  const groupIds = await preloadGroups(client, config.groups, config.preloadConcurrency, deadline);
  const [bigGroupId] = groupIds;
  await fillGroup(client, bigGroupId, userIds.slice(0, config.bigGroupMembers), config.memberChunk, deadline);
  summary.groupsLoaded = groupIds.length;
  summary.loadedPeakRssMb = readPeakRssMb(system.pid);
  log(`  ${summary.system}: ${groupIds.length} groups loaded, one with ${config.bigGroupMembers} members`);
  const outsiderIds = userIds.slice(config.bigGroupMembers, config.bigGroupMembers + config.memberAdds);
  return { userIds, bigGroupId, outsiderIds };
}

/** After the scenarios: grows a second group to config.rssGroupMembers (PATCH adds in chunks, as the preload does)
 * and reads the peak RSS of the whole run, so memory is measured with that group present. Time-bounded. */
async function growRssGroup(client: ScimClient, system: RunningSystem, summary: SystemSummary, state: BenchState, config: BenchConfig, log: Log): Promise<void> {
  const deadline = Date.now() + config.maxPreloadSec * 1000;
  const [groupId] = await preloadGroups(client, 1, 1, deadline, 'bench-rss-group');
  await fillGroup(client, groupId, state.userIds.slice(0, config.rssGroupMembers), config.memberChunk, deadline);
  summary.rssGroupMembers = config.rssGroupMembers;
  summary.finalPeakRssMb = readPeakRssMb(system.pid);
  log(`  ${summary.system}: a second group grown to ${config.rssGroupMembers} members; peak RSS ${summary.finalPeakRssMb.toFixed(0)} MB`);
}

async function runScenarios(system: RunningSystem, plan: SystemPlan, summary: SystemSummary, config: BenchConfig, rows: ResultRow[], log: Log, profiler?: ProfilerControl): Promise<void> {
  const client = new ScimClient(system.port, system.token, config.preloadConcurrency);
  const step = async (scenario: ScenarioId, state: BenchState): Promise<void> => {
    if (!serves(plan, scenario)) {
      rows.push(emptyRow(plan, scenario, 'n/a', plan.servesNote ?? 'not served'));
      return;
    }
    const row = await measure(system, plan, scenario, state, config, profiler);
    rows.push(row);
    log(`  ${plan.id} ${scenario}: ${row.okPerSec.toFixed(0)} req/s, p99 ${row.p99Ms.toFixed(1)} ms, ${row.errors} errors`);
  };
  try {
    const early: BenchState = { userIds: [], bigGroupId: '', outsiderIds: [] };
    const state = await preloadAll(client, system, plan, summary, config, log, () => step('filter-small', early));
    for (const scenario of SCENARIO_IDS.filter((s) => s !== 'filter-small')) await step(scenario, state);
    if (plan.growsRssGroup) await growRssGroup(client, system, summary, state, config, log);
  } finally {
    client.close();
  }
}

function withProfiler(launch: LaunchSpec, profiler: ProfilerControl | undefined): LaunchSpec {
  if (!profiler) return launch;
  const { nodeArgs, env } = profiler.launch();
  return { ...launch, nodeArgs: [...(launch.nodeArgs ?? []), ...nodeArgs], env: { ...launch.env, ...env } };
}

/** Runs every scenario against one system and always stops it and cleans up after it. */
export async function benchSystem(plan: SystemPlan, config: BenchConfig, log: Log): Promise<SystemOutcome> {
  const summary: SystemSummary = { system: plan.id, name: plan.name, status: 'measured', usersLoaded: 0, groupsLoaded: 0, usersPreloadPerSec: 0, loadedPeakRssMb: 0, rssGroupMembers: 0, finalPeakRssMb: 0 };
  const stopWith = (status: RowStatus, note: string, rows: ResultRow[] = []): SystemOutcome => {
    log(`  ${plan.id}: ${status}: ${note}`);
    return { summary: { ...summary, status, note }, rows: completeRows(plan, rows, status, note) };
  };
  if (plan.unavailable) return stopWith(plan.unavailable.status, plan.unavailable.note);
  let system: RunningSystem | undefined;
  const rows: ResultRow[] = [];
  const profiler = config.profileDir && plan.profiled ? new ProfilerControl(config.profileDir) : undefined;
  try {
    const launch = withProfiler(await plan.prepare(config.startTimeoutSec), profiler);
    system = await startSystem(launch).catch((err: Error) => {
      throw new StartFailure(err.message);
    });
    profiler?.attach(system.pid);
    log(`  ${plan.id}: ready on 127.0.0.1:${system.port} (pid ${system.pid})${profiler ? ', profiled' : ''}`);
    await runScenarios(system, plan, summary, config, rows, log, profiler);
    return { summary, rows };
  } catch (err) {
    if (err instanceof SkipSystem) return stopWith('skipped', err.message);
    if (err instanceof StartFailure) return stopWith(plan.startFailure, `did not start: ${err.message}`);
    const state = system?.exitCode() != null ? `server exited ${system.exitCode()}` : 'server log';
    const context = system ? ` (${state}: ${lastLines(system.logTail(), 2)})` : '';
    return stopWith('failed', `${(err as Error).message}${context}`, rows);
  } finally {
    await system?.stop();
    profiler?.dispose();
    await plan.cleanup().catch((err: Error) => log(`  ${plan.id}: cleanup failed: ${err.message}`));
  }
}
