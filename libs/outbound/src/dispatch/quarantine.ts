// A quarantined target receives nothing; it is probed (a cheap authenticated GET) at growing intervals and
// released after the first probe that succeeds. The state persists, so a restart keeps probing, not flooding.
import { log, notify } from '../engine/outbound-hooks';
import type { QuarantineState } from '../state/delivery-state.port';
import { sleep } from '../delivery/abortable-sleep';
import type { TargetRuntime } from './target-runtime';

function probeDelay(rt: TargetRuntime, probes: number): number {
  return Math.min(rt.probe.maxMs, rt.probe.initialMs * 2 ** probes);
}

/** Puts a target into quarantine (persisted) because of `reason`. */
export async function enterQuarantine(rt: TargetRuntime, reason: string): Promise<void> {
  if (rt.quarantined) return;
  rt.quarantined = true;
  const now = rt.now();
  const state: QuarantineState = { since: new Date(now).toISOString(), reason, probes: 0, nextProbeAt: new Date(now + probeDelay(rt, 0)).toISOString() };
  await rt.state.saveQuarantine(rt.target.id, state);
  notify(rt.hooks.quarantine, { targetId: rt.target.id, quarantined: true, reason });
  log(rt.hooks, 'warn', 'outbound target quarantined', { targetId: rt.target.id, reason });
}

/** Waits (probing) until the target's quarantine, if any, is lifted; concurrent callers share one probe loop. */
export function holdWhileQuarantined(rt: TargetRuntime): Promise<void> {
  rt.holding ??= probeUntilReleased(rt).finally(() => (rt.holding = undefined));
  return rt.holding;
}

async function probeUntilReleased(rt: TargetRuntime): Promise<void> {
  for (let state = await rt.state.quarantine(rt.target.id); state; state = await rt.state.quarantine(rt.target.id)) {
    rt.quarantined = true;
    await sleep(Math.max(0, Date.parse(state.nextProbeAt) - rt.now()), rt.signal);
    try {
      await rt.client.probe(rt.target.resourceTypes[0]);
      await release(rt);
    } catch (error) {
      const probes = state.probes + 1;
      const nextProbeAt = new Date(rt.now() + probeDelay(rt, probes)).toISOString();
      await rt.state.saveQuarantine(rt.target.id, { ...state, probes, nextProbeAt, reason: (error as Error).message });
    }
  }
  rt.quarantined = false;
}

/** Lifts a quarantine (a probe succeeded, or an operator asked). */
export async function release(rt: TargetRuntime): Promise<void> {
  await rt.state.saveQuarantine(rt.target.id, undefined);
  rt.quarantined = false;
  rt.health.reset();
  notify(rt.hooks.quarantine, { targetId: rt.target.id, quarantined: false });
  log(rt.hooks, 'info', 'outbound target released from quarantine', { targetId: rt.target.id });
}
