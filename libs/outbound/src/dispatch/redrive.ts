// Redrive: deliver parked resources again (their current state), oldest first; a change refused again is
// parked again with the new answer. Groups that waited for a redriven user follow.
import type { TargetResourceType } from '../target.definition';
import { batchContext, deliverWaiting } from './batch-delivery';
import { deliverLocked } from './resource-delivery';
import type { TargetRuntime } from './target-runtime';
import { keyString, type ResourceKey } from './resource-key';

/** Which parked changes to redrive: all, one type, or one resource. */
export interface RedriveFilter {
  resourceType?: TargetResourceType;
  sourceId?: string;
}

/** How a redrive went. */
export interface RedriveResult {
  redriven: number;
  delivered: number;
  parkedAgain: number;
}

/** Redrives the parked changes that match `filter`. */
export async function redrive(rt: TargetRuntime, filter: RedriveFilter = {}): Promise<RedriveResult> {
  const parked = (await rt.state.parked(rt.target.id)).filter(
    (change) => (!filter.resourceType || change.resourceType === filter.resourceType) && (!filter.sourceId || change.sourceId === filter.sourceId),
  );
  const context = await batchContext(rt);
  const result: RedriveResult = { redriven: parked.length, delivered: 0, parkedAgain: 0 };
  const waiting = new Map<string, ResourceKey>();
  // Users first, as in a batch: a redriven user may be what a group's membership (or a manager reference) waits for.
  const ordered = [...parked].sort((a, b) => (a.resourceType === b.resourceType ? 0 : a.resourceType === 'Users' ? -1 : 1));
  for (const change of ordered) {
    const key = { resourceType: change.resourceType, sourceId: change.sourceId };
    const outcome = await deliverLocked(rt, { key, position: change.position }, context, true);
    if (outcome.outcome === 'parked') result.parkedAgain++;
    else result.delivered++;
    for (const waiter of outcome.waiting) waiting.set(keyString(waiter), waiter);
  }
  const position = parked[parked.length - 1]?.position ?? { commit: 0n, prepare: 0n };
  await deliverWaiting(rt, [], waiting, context, position);
  return result;
}
