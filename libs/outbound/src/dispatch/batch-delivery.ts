// One batch of the log for one target: the resources it touches (each delivered once, in its current
// state), users before groups so that memberships find their members' target ids, and the groups that
// were waiting for a user that has just been provisioned.
import type { RecordedEvent } from '@scim-hub/event-store';
import { scopesByGroups } from '../plan/scope';
import { deliverLocked, type BatchContext, type DeliveryItem } from './resource-delivery';
import { keyString, resourceKeyOf } from './resource-key';
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
  const all = [...items.values()];
  const waiting = await deliverUsers(rt, all.filter((item) => item.key.resourceType === 'Users'), context);
  const groups = all.filter((item) => item.key.resourceType === 'Groups');
  const last = events[events.length - 1] as RecordedEvent;
  for (const sourceId of waiting) {
    const key = { resourceType: 'Groups' as const, sourceId };
    if (rt.target.resourceTypes.includes('Groups') && !items.has(keyString(key))) groups.push({ key, position: last.position });
  }
  await forEachLimited(groups, rt.target.concurrency, async (item) => void (await deliverLocked(rt, item, context)));
}

/** Delivers users; returns the groups that waited for one of them. */
export async function deliverUsers(rt: TargetRuntime, users: readonly DeliveryItem[], context: BatchContext): Promise<Set<string>> {
  const waiting = new Set<string>();
  await forEachLimited(users, rt.target.concurrency, async (item) => {
    for (const group of (await deliverLocked(rt, item, context)).groupsWaiting) waiting.add(group);
  });
  return waiting;
}
