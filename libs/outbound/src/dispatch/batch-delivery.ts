// One batch of the log for one target: the resources it touches (each delivered once, in its current
// state), users before groups so that memberships find their members' target ids, and the groups that
// were waiting for a user that has just been provisioned.
import type { Position, RecordedEvent } from '@scim-hub/event-store';
import { scopesByGroups } from '../plan/scope';
import { deliverLocked, type BatchContext, type DeliveryItem } from './resource-delivery';
import { keyString, resourceKeyOf, type ResourceKey } from './resource-key';
import type { TargetRuntime } from './target-runtime';
import { forEachLimited } from './work-pool';

/** The batch context: members of the scope groups, read once per batch. */
export async function batchContext(rt: TargetRuntime): Promise<BatchContext> {
  const groups = rt.target.scope?.groups ?? [];
  return { scopeMembers: groups.length > 0 ? await rt.reader.membersOf(groups) : new Set() };
}

/** The resources a batch touches, each with its newest event, in first-seen order. */
export function itemsOf(rt: TargetRuntime, events: readonly RecordedEvent[]): Map<string, DeliveryItem> {
  const items = new Map<string, DeliveryItem>();
  for (const event of events) {
    const key = resourceKeyOf(rt.target.tenant, event.streamId);
    if (!key || !rt.target.resourceTypes.includes(key.resourceType)) continue;
    items.set(keyString(key), { key, position: event.position, recordedAt: event.recordedAt });
  }
  return items;
}

// A membership change of a scope group moves its (former) members in or out of the scope.
async function addScopeChanges(rt: TargetRuntime, items: Map<string, DeliveryItem>, events: readonly RecordedEvent[]): Promise<void> {
  if (!scopesByGroups(rt.target.scope) || !rt.target.resourceTypes.includes('Users')) return;
  const scopeGroups = new Set(rt.target.scope?.groups);
  for (const event of events) {
    const key = resourceKeyOf(rt.target.tenant, event.streamId);
    if (key?.resourceType !== 'Groups' || !scopeGroups.has(key.sourceId)) continue;
    for (const sourceId of await rt.reader.everMembers(key.sourceId)) {
      const user = { resourceType: 'Users' as const, sourceId };
      if (!items.has(keyString(user))) items.set(keyString(user), { key: user, position: event.position, recordedAt: event.recordedAt });
    }
  }
}

/** Delivers every resource a batch touches; throws TargetQuarantined when the target is quarantined meanwhile. */
export async function deliverBatch(rt: TargetRuntime, events: readonly RecordedEvent[]): Promise<void> {
  const items = itemsOf(rt, events);
  await addScopeChanges(rt, items, events);
  const context = await batchContext(rt);
  const position = (events[events.length - 1] as RecordedEvent).position;
  const all = [...items.values()];
  const waiting = await deliverAll(rt, all.filter((item) => item.key.resourceType === 'Users'), context);
  await deliverWaiting(rt, all.filter((item) => item.key.resourceType === 'Groups'), waiting, context, position);
}

/**
 * After users: the users that waited for one of them (their manager), then the groups — those of the batch and
 * those whose members were just provisioned.
 */
export async function deliverWaiting(
  rt: TargetRuntime,
  groups: DeliveryItem[],
  waiting: Map<string, ResourceKey>,
  context: BatchContext,
  position: Position,
): Promise<void> {
  const of = (type: ResourceKey['resourceType'], keys: Iterable<ResourceKey>) =>
    [...keys].filter((key) => key.resourceType === type && rt.target.resourceTypes.includes(type)).map((key) => ({ key, position }));
  const more = await deliverAll(rt, of('Users', waiting.values()), context);
  const queued = new Set(groups.map((item) => keyString(item.key)));
  const late = of('Groups', [...waiting.values(), ...more.values()]).filter((item) => !queued.has(keyString(item.key)));
  await deliverAll(rt, [...groups, ...new Map(late.map((item) => [keyString(item.key), item])).values()], context);
}

/** Delivers items, `concurrency` at a time; returns the resources that waited for one of them. */
export async function deliverAll(rt: TargetRuntime, items: readonly DeliveryItem[], context: BatchContext): Promise<Map<string, ResourceKey>> {
  const waiting = new Map<string, ResourceKey>();
  await forEachLimited(items, rt.target.concurrency, async (item) => {
    for (const key of (await deliverLocked(rt, item, context)).waiting) waiting.set(keyString(key), key);
  });
  return waiting;
}
