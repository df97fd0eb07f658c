// Runs one scenario on two running builds in alternating slices: a warm-up slice each, then pairs of slices whose
// order flips every pair (before, after, after, before, …), so neither build always runs first or on a machine
// that has just warmed up or cooled down. Each slice is billed the CPU of its load and of the work it leaves.
import { runLoad } from '../load.runner';
import { readCpuSeconds, waitIdle } from '../proc.stats';
import type { ScenarioLoad } from '../scenario.loads';
import type { ScenarioSlices, Slice } from './interleaved.report';
import type { InterleavedScenario } from './interleaved.config';

/** A running build with its own load for the scenario (loads keep their state, e.g. the next new userName). */
export interface SliceTarget {
  pid: number;
  port: number;
  token: string;
  load: ScenarioLoad;
}

const IDLE_WAIT_SEC = 30;

async function runSlice(target: SliceTarget, sliceSec: number): Promise<Slice> {
  const { label: _label, ...load } = target.load;
  await waitIdle(target.pid, IDLE_WAIT_SEC);
  const cpuBefore = readCpuSeconds(target.pid);
  const figures = await runLoad({ ...load, port: target.port, token: target.token, durationSec: sliceSec, amount: undefined, watchdogSec: sliceSec + 30 });
  await waitIdle(target.pid, IDLE_WAIT_SEC);
  return { cpuSec: readCpuSeconds(target.pid) - cpuBefore, ok: figures.ok, errors: figures.errors, durationSec: figures.durationSec, p99Ms: figures.p99Ms };
}

/** The measured slices of one scenario (the warm-up slices are run and dropped). */
export async function interleaveSlices(
  scenario: InterleavedScenario,
  sides: { before: SliceTarget; after: SliceTarget },
  slices: number,
  sliceSec: number,
): Promise<ScenarioSlices> {
  await runSlice(sides.before, sliceSec);
  await runSlice(sides.after, sliceSec);
  const measured: ScenarioSlices = { scenario, label: sides.after.load.label, before: [], after: [] };
  for (let pair = 0; pair < slices; pair++) {
    const order = pair % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const side of order) measured[side].push(await runSlice(sides[side], sliceSec));
  }
  return measured;
}
