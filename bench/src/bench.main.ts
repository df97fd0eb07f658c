// `npm run bench` / `npm run bench:quick`: measures both ceilings, the peer and scim-hub with the same load, prints a
// table and writes JSON + Markdown under bench/results/. Exit code 1 when a system failed (skips are not failures).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type BenchConfig } from './bench.config';
import type { BenchResult } from './bench.types';
import { readMachineInfo } from './machine.info';
import { PROFILE_INTERVAL_US } from './profile/profiler.control';
import { beforeAfter, withRatios } from './ratios';
import { renderMarkdown, renderText } from './report.render';
import { benchSystem } from './system.bench';
import { killAllChildren } from './system.process';
import { systemPlans } from './systems';
import { checkTargets } from './targets';

const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

let aborted = false;

// First Ctrl-C: kill the children so the running system fails fast and its cleanup (temp dir, database) still runs.
function onSignal(): void {
  if (aborted) process.exit(130);
  aborted = true;
  log('interrupted: stopping the running system, cleaning up');
  killAllChildren();
}

function settings(config: BenchConfig): Record<string, number> {
  const { connections, durationSec, warmupSec, usersSmall, usersLarge, groups, bigGroupMembers, rssGroupMembers, memberAdds, preloadConcurrency } = config;
  const bound: Record<string, number> = config.fixedAmount ? { requestsPerScenario: config.fixedAmount } : { durationSec, warmupSec };
  const profiled: Record<string, number> = config.profile ? { profileIntervalUs: PROFILE_INTERVAL_US } : {};
  return { connections, ...bound, usersSmall, usersLarge, groups, bigGroupMembers, rssGroupMembers, memberAdds, preloadConcurrency, ...profiled };
}

/** Runs every requested system one after another and returns the whole result. */
async function runBench(config: BenchConfig): Promise<BenchResult> {
  const result: BenchResult = {
    mode: config.mode,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: readMachineInfo(),
    settings: settings(config),
    systems: [],
    rows: [],
    beforeAfter: [],
    targets: [],
  };
  const profileDir = config.profile ? `${runStem(result, config.outDir)}-profiles` : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  for (const plan of systemPlans(config.systems)) {
    if (aborted) break;
    log(`${plan.name}`);
    const outcome = await benchSystem(plan, { ...config, profileDir }, log);
    result.systems.push(outcome.summary);
    result.rows.push(...outcome.rows);
  }
  result.finishedAt = new Date().toISOString();
  result.rows = withRatios(result.rows);
  result.beforeAfter = beforeAfter(result.rows);
  result.targets = checkTargets(result, config);
  return result;
}

/** `<outDir>/<start time>-<mode>`: the run's files are this plus .json, .md and, when profiled, -profiles/. */
function runStem(result: BenchResult, outDir: string): string {
  return path.join(outDir, `${result.startedAt.replace(/[:.]/g, '-')}-${result.mode}`);
}

function writeResults(result: BenchResult, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const stem = runStem(result, outDir);
  writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${stem}.md`, renderMarkdown(result));
  return [`${stem}.json`, `${stem}.md`];
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log(`${config.mode} run: ${config.systems.join(', ')}; results in ${config.outDir}`);
  const result = await runBench(config);
  process.stdout.write(renderText(result) + '\n');
  for (const file of writeResults(result, config.outDir)) log(`wrote ${file}`);
  if (aborted) process.exit(130);
  process.exitCode = result.systems.some((s) => s.status === 'failed') ? 1 : 0;
}

main().catch((err: Error) => {
  killAllChildren();
  log(`harness error: ${err.stack ?? err.message}`);
  process.exit(2);
});
