// `npm run bench:interleaved`: the baseline hub build (BENCH_BASELINE_MAIN) and this checkout's build side by side on
// one store, the same preload on each, then each scenario's load alternating between them in short slices. CPU per
// request is compared slice against slice, so drift of the machine over the run falls on both builds alike (the
// sequential before → after table of `npm run bench` cannot cancel it). `--same` puts this build on both sides.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MachineInfo } from '../bench.types';
import { readMachineInfo } from '../machine.info';
import { preloadUsers } from '../preload';
import { scenarioLoad } from '../scenario.loads';
import { ScimClient } from '../scim.client';
import { killAllChildren, startSystem, type RunningSystem } from '../system.process';
import { BASELINE_MAIN, HUB_MAIN, systemPlans, type SystemPlan } from '../systems';
import { loadConfigOf, parseInterleavedArgs, type InterleavedConfig, type InterleavedScenario } from './interleaved.config';
import { interleavedRow, renderInterleavedMarkdown, renderInterleavedText, type InterleavedResult, type ScenarioSlices } from './interleaved.report';
import { interleaveSlices, type SliceTarget } from './interleaved.slices';
import { pin, planPinning, type Pinning } from './cpu-pinning';

const log = (line: string): void => {
  process.stderr.write(`[interleaved ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

interface Side {
  plan: SystemPlan;
  system?: RunningSystem;
  userIds: string[];
}

function sidesFor(config: InterleavedConfig): { before: Side; after: Side } {
  const id = config.store === 'sqlite' ? 'hub-sqlite' : 'hub-postgres';
  const [after] = systemPlans([id]);
  const [before] = config.same ? systemPlans([id]) : systemPlans([`${id}-before`]);
  for (const plan of [before, after]) if (plan.unavailable) throw new Error(`${plan.id}: ${plan.unavailable.note}`);
  return { before: { plan: before, userIds: [] }, after: { plan: after, userIds: [] } };
}

async function startAndPreload(side: Side, config: InterleavedConfig, pinning: Pinning): Promise<void> {
  const loadConfig = loadConfigOf(config);
  side.system = await startSystem(await side.plan.prepare(loadConfig.startTimeoutSec));
  if ('builds' in pinning) pin(side.system.pid, pinning.builds);
  const client = new ScimClient(side.system.port, side.system.token, loadConfig.preloadConcurrency);
  try {
    await preloadUsers(client, side.userIds, 0, config.users, loadConfig.preloadConcurrency, Date.now() + loadConfig.maxPreloadSec * 1000);
  } finally {
    client.close();
  }
  log(`  ${side.plan.name}: ${config.users} users loaded (pid ${side.system.pid})`);
}

async function stopBoth(sides: { before: Side; after: Side }): Promise<void> {
  for (const side of [sides.before, sides.after]) {
    await side.system?.stop();
    await side.plan.cleanup().catch((err: Error) => log(`  ${side.plan.id}: cleanup failed: ${err.message}`));
  }
}

function sliceTarget(side: Side, scenario: InterleavedScenario, config: InterleavedConfig): SliceTarget {
  const system = side.system as RunningSystem;
  const state = { userIds: side.userIds, bigGroupId: '', outsiderIds: [] };
  return { pid: system.pid, port: system.port, token: system.token, load: scenarioLoad(scenario, state, loadConfigOf(config)) };
}

// One round: both builds started fresh and preloaded one after the other, then every scenario's slices. The build
// started first pays more per request for the whole round (an A/A run read 0.92–0.99× even pinned), so rounds
// alternate which build starts first and the slices of all rounds are pooled.
async function runRound(round: number, config: InterleavedConfig, pinning: Pinning, measured: Map<InterleavedScenario, ScenarioSlices>): Promise<void> {
  const sides = sidesFor(config);
  stopOnSignal = () => stopBoth(sides);
  try {
    const first = round % 2 === 0 ? [sides.before, sides.after] : [sides.after, sides.before];
    log(`round ${round + 1} of ${config.rounds}: ${first[0] === sides.before ? 'before' : 'after'} build started first`);
    for (const side of first) await startAndPreload(side, config, pinning);
    for (const scenario of config.scenarios) {
      const slices = await interleaveSlices(scenario, { before: sliceTarget(sides.before, scenario, config), after: sliceTarget(sides.after, scenario, config) }, config.slices, config.sliceSec);
      const pooled = measured.get(scenario) ?? { scenario, label: slices.label, before: [], after: [] };
      pooled.before.push(...slices.before);
      pooled.after.push(...slices.after);
      measured.set(scenario, pooled);
      const row = interleavedRow(slices);
      log(`  ${scenario}: CPU ms/req ${row.before.cpuMsPerOk.toFixed(3)} → ${row.after.cpuMsPerOk.toFixed(3)} (${row.ratio.toFixed(3)}×)`);
    }
  } finally {
    await stopBoth(sides);
  }
}

let stopOnSignal: () => Promise<void> = async () => undefined;

async function run(config: InterleavedConfig, pinning: Pinning, machine: MachineInfo): Promise<InterleavedResult> {
  const startedAt = new Date().toISOString();
  const measured = new Map<InterleavedScenario, ScenarioSlices>();
  for (let round = 0; round < config.rounds; round++) await runRound(round, config, pinning, measured);
  const rows = config.scenarios.map((scenario) => interleavedRow(measured.get(scenario) as ScenarioSlices));
  const { outDir: _outDir, ...settings } = config;
  const builds = { before: config.same ? HUB_MAIN : (BASELINE_MAIN ?? ''), after: HUB_MAIN };
  return { startedAt, finishedAt: new Date().toISOString(), machine, settings, pinning, builds, rows };
}

function writeResults(result: InterleavedResult, config: InterleavedConfig): string[] {
  mkdirSync(config.outDir, { recursive: true });
  const stem = path.join(config.outDir, `${result.startedAt.replace(/[:.]/g, '-')}-interleaved-${config.store}${config.same ? '-same' : ''}`);
  writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${stem}.md`, renderInterleavedMarkdown(result));
  return [`${stem}.json`, `${stem}.md`];
}

async function main(): Promise<void> {
  const config = parseInterleavedArgs(process.argv.slice(2));
  sidesFor(config); // fails early when a build is missing
  const onSignal = (): void => {
    log('interrupted: stopping both builds');
    killAllChildren();
    void stopOnSignal().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Read before pinning: a pinned harness sees one CPU (nproc).
  const machine = readMachineInfo();
  const pinning = planPinning(config.pin);
  if ('builds' in pinning) pin(process.pid, pinning.harness);
  log(`${config.same ? 'A/A' : 'before → after'} on ${config.store}: ${config.scenarios.join(', ')}; results in ${config.outDir}`);
  log('builds' in pinning ? `pinned: harness and load on CPU ${pinning.harness}, both builds on CPU ${pinning.builds}` : `not pinned: ${pinning.unpinned}`);
  const result = await run(config, pinning, machine);
  process.stdout.write(renderInterleavedText(result) + '\n');
  for (const file of writeResults(result, config)) log(`wrote ${file}`);
}

main().catch((err: Error) => {
  killAllChildren();
  log(`harness error: ${err.stack ?? err.message}`);
  process.exit(2);
});
