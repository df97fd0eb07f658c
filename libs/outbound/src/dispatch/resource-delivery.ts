// Delivers one resource's current state to one target: plan (pure), execute, remember; retries retriable
// failures with backoff, parks the rest, and hands quarantine decisions to the loop.
import type { Position } from '@scim-hub/event-store';
import { DeliveryError } from '../delivery/delivery-error';
import { backoffDelay } from '../delivery/backoff';
import { log, notify } from '../engine/outbound-hooks';
import { planDelivery, type PlanInput } from '../plan/plan-delivery';
import { referencedIds } from '../plan/references';
import { userInScope } from '../plan/scope';
import type { DeliveredResource } from '../state/delivery-state.port';
import { LoopStopped, sleep } from '../delivery/abortable-sleep';
import { executePlan } from './plan-executor';
import { keyString, parseKeyString, type ResourceKey } from './resource-key';
import { TargetQuarantined, type TargetRuntime } from './target-runtime';

/** A resource to deliver and the newest event it carries. */
export interface DeliveryItem {
  key: ResourceKey;
  position: Position;
  recordedAt?: string;
}

/** What a batch computes once for all its resources. */
export interface BatchContext {
  /** Lower-cased members of the target's scope groups (empty when the scope names none). */
  scopeMembers: Set<string>;
}

/** The outcome of one resource's delivery and the resources that waited for it (when it got a target id). */
export interface DeliveryOutcome {
  outcome: 'delivered' | 'unchanged' | 'parked' | 'blocked';
  waiting: ResourceKey[];
}

/** Runs `work` when no other work on the same resource of this target is running (order per resource). */
export function withResourceLock<T>(rt: TargetRuntime, key: ResourceKey, work: () => Promise<T>): Promise<T> {
  const lockKey = keyString(key);
  const previous = rt.locks.get(lockKey) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(work);
  rt.locks.set(lockKey, run);
  void run.finally(() => rt.locks.get(lockKey) === run && rt.locks.delete(lockKey)).catch(() => undefined);
  return run;
}

/** Delivers one resource, one delivery per resource at a time; `redrive` ignores an existing parked change. */
export function deliverLocked(rt: TargetRuntime, item: DeliveryItem, context: BatchContext, redrive = false): Promise<DeliveryOutcome> {
  return withResourceLock(rt, item.key, () => deliverWithRetries(rt, item, context, redrive));
}

async function deliverWithRetries(rt: TargetRuntime, item: DeliveryItem, context: BatchContext, redrive: boolean): Promise<DeliveryOutcome> {
  const { resourceType, sourceId } = item.key;
  // Order per resource: a parked change holds every later change of the resource until it is redriven.
  if (!redrive && (await rt.state.isParked(rt.target.id, resourceType, sourceId))) return { outcome: 'blocked', waiting: [] };
  for (let attempt = 1; ; attempt++) {
    if (rt.signal.aborted) throw new LoopStopped('stopping');
    if (rt.quarantined) throw new TargetQuarantined(rt.target.id);
    rt.inFlight.count++;
    try {
      return await deliverOnce(rt, item, context, redrive);
    } catch (thrown) {
      // Only the target's answers are the change's fate; anything else (the state store, a bug) fails the batch,
      // which the subscription retries after a back-off, rather than parking changes the target never saw.
      if (!(thrown instanceof DeliveryError)) throw noteInternal(rt, item, thrown);
      const error = thrown;
      await noteFailure(rt, item, error, attempt);
      if (error.retriable && rt.health.failing()) throw new TargetQuarantined(error.message);
      if (!error.retriable || attempt >= rt.retry.maxAttempts) return park(rt, item, error, attempt);
      await sleep(backoffDelay(attempt, rt.retry, error.retryAfterMs), rt.signal);
    } finally {
      rt.inFlight.count--;
    }
  }
}

/** Target ids of referenced resources (users or groups) that the target holds. */
export async function targetIdsOf(rt: TargetRuntime, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map([...(await rt.state.targetIds(rt.target.id, 'Users', ids)), ...(await rt.state.targetIds(rt.target.id, 'Groups', ids))]);
}

async function planInput(rt: TargetRuntime, key: ResourceKey, context: BatchContext): Promise<PlanInput> {
  const desired = await rt.reader.current(key);
  const record = await rt.state.resource(rt.target.id, key.resourceType, key.sourceId);
  const inGroup = context.scopeMembers.has(key.sourceId.toLowerCase());
  const inScope = key.resourceType === 'Users' && desired ? userInScope(desired, rt.target.scope, inGroup) : true;
  const referenceTargetIds = await targetIdsOf(rt, referencedIds(key.resourceType, desired));
  const patchSupported = await rt.client.patchSupported();
  const erased = rt.reader.wasErased(key);
  return { target: rt.target, resourceType: key.resourceType, sourceId: key.sourceId, desired, inScope, record, referenceTargetIds, patchSupported, erased };
}

async function deliverOnce(rt: TargetRuntime, item: DeliveryItem, context: BatchContext, redrive: boolean): Promise<DeliveryOutcome> {
  const input = await planInput(rt, item.key, context);
  const plan = planDelivery(input);
  const result = await executePlan(rt.client, plan, (record) => planDelivery({ ...input, record }));
  const record: DeliveredResource = { ...result.record, lastAttemptAt: new Date(rt.now()).toISOString(), lastAnswer: { status: result.status } };
  await rt.state.saveResource(rt.target.id, record);
  if (result.deferred) await rt.state.setDeferred(rt.target.id, keyString(item.key), result.deferred);
  if (redrive) await rt.state.unpark(rt.target.id, item.key.resourceType, item.key.sourceId);
  if (result.wrote) notify(rt.hooks.delivered, { ...resourceEvent(rt, item), status: result.status, recordedAt: item.recordedAt });
  const provisioned = !input.record?.targetId && !!record.targetId;
  const waiting = provisioned ? (await rt.state.waitingFor(rt.target.id, item.key.sourceId)).map(parseKeyString) : [];
  const removedId = input.record?.targetId && !record.targetId ? input.record.targetId : undefined;
  if (removedId) waiting.push(...(await groupsHolding(rt, removedId)));
  return { outcome: result.wrote ? 'delivered' : 'unchanged', waiting };
}

// A resource deleted on the target may stay listed as a member of its groups there (not every application
// cascades): those groups are delivered again, which removes the member they no longer have in the hub.
async function groupsHolding(rt: TargetRuntime, targetId: string): Promise<ResourceKey[]> {
  const groups = await rt.state.resources(rt.target.id, 'Groups');
  return groups.filter((group) => group.members?.includes(targetId)).map((group) => ({ resourceType: 'Groups', sourceId: group.sourceId }));
}

function resourceEvent(rt: TargetRuntime, item: DeliveryItem) {
  return { targetId: rt.target.id, resourceType: item.key.resourceType, sourceId: item.key.sourceId };
}

function noteInternal(rt: TargetRuntime, item: DeliveryItem, error: unknown): unknown {
  if (error instanceof LoopStopped || error instanceof TargetQuarantined) return error;
  rt.lastError = { at: new Date(rt.now()).toISOString(), ...item.key, detail: error instanceof Error ? error.message : String(error) };
  return error;
}

async function noteFailure(rt: TargetRuntime, item: DeliveryItem, error: DeliveryError, attempt: number): Promise<void> {
  const at = new Date(rt.now()).toISOString();
  rt.lastError = { at, ...item.key, status: error.status, detail: error.bodyExcerpt ?? error.message };
  notify(rt.hooks.failed, { ...resourceEvent(rt, item), error, attempt });
  const known = await rt.state.resource(rt.target.id, item.key.resourceType, item.key.sourceId);
  const base: DeliveredResource = known ?? { ...item.key };
  await rt.state.saveResource(rt.target.id, { ...base, lastAttemptAt: at, lastAnswer: { status: error.status, detail: error.bodyExcerpt ?? error.message } });
}

async function park(rt: TargetRuntime, item: DeliveryItem, error: DeliveryError, attempts: number): Promise<DeliveryOutcome> {
  const answer = { status: error.status, detail: error.bodyExcerpt ?? error.message };
  const parkedAt = new Date(rt.now()).toISOString();
  await rt.state.park(rt.target.id, { ...item.key, position: item.position, parkedAt, answer, attempts });
  notify(rt.hooks.parked, { ...resourceEvent(rt, item), answer });
  // The answer's text may quote personal data (a userName): the log gets its status, the parked list the rest.
  log(rt.hooks, 'warn', 'outbound change parked', { ...resourceEvent(rt, item), status: answer.status });
  return { outcome: 'parked', waiting: [] };
}
