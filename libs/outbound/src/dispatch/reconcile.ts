// Reconciliation: compare the desired state (every user and group of the tenant, folded from the event store)
// with what the target holds (GET /Users and /Groups, paged) and repair the drift. Each resource is planned
// against what the target actually holds instead of what we last wrote; the dry run only reports the plans.
import type { JsonObject } from '@scim-hub/scim';
import { planDelivery, type PlanInput } from '../plan/plan-delivery';
import type { DeliveryStep } from '../plan/delivery-step';
import { userInScope } from '../plan/scope';
import type { DeliveredResource } from '../state/delivery-state.port';
import type { TargetResourceType } from '../target.definition';
import { batchContext } from './batch-delivery';
import { observedRecord } from './observed-record';
import { executePlan } from './plan-executor';
import type { ResourceKey } from './resource-key';
import { memberValues } from './source-reader';
import type { TargetRuntime } from './target-runtime';

/** One difference between the desired state and the target. */
export interface Difference {
  resourceType: TargetResourceType;
  /** Source id; absent for a resource the target holds that the hub does not manage. */
  sourceId?: string;
  targetId?: string;
  /** What reconciliation does (or would do) about it. */
  action: 'create' | 'update' | 'disable' | 'delete' | 'unmanaged';
  /** Attributes that differ (updates). */
  attributes?: string[];
  membersToAdd?: string[];
  membersToRemove?: string[];
}

/** The outcome of a reconciliation. */
export interface ReconcileReport {
  targetId: string;
  dryRun: boolean;
  differences: Difference[];
  /** Differences repaired (0 in a dry run). */
  repaired: number;
  /** Differences whose repair failed, with the reason. */
  failed: { difference: Difference; error: string }[];
}

function describe(key: ResourceKey, steps: DeliveryStep[], targetId: string | undefined): Difference | undefined {
  const base = { ...key, targetId };
  for (const step of steps) {
    if (step.kind === 'Create') return { ...base, action: 'create' };
    if (step.kind === 'Delete') return { ...base, action: 'delete' };
    if (step.kind === 'Replace' || step.kind === 'Patch') {
      const operations = step.kind === 'Patch' ? step.operations : [];
      const disable = operations.length === 1 && operations[0]?.path === 'active' && operations[0].value === false;
      const attributes = [...new Set(operations.filter((op) => !op.path.startsWith('members')).map((op) => op.path))];
      const added = operations.filter((op) => op.op === 'add' && op.path === 'members').flatMap((op) => (op.value as { value: string }[]).map((m) => m.value));
      const removed = operations.filter((op) => op.path.startsWith('members[')).map((op) => /"(.*)"/.exec(op.path)?.[1] ?? op.path);
      return { ...base, action: disable ? 'disable' : 'update', attributes, membersToAdd: added, membersToRemove: removed };
    }
  }
  return undefined;
}

/** Reconciles one target; `dryRun` only reports. */
export async function reconcile(rt: TargetRuntime, dryRun: boolean): Promise<ReconcileReport> {
  const report: ReconcileReport = { targetId: rt.target.id, dryRun, differences: [], repaired: 0, failed: [] };
  const desired = await rt.reader.all();
  const context = await batchContext(rt);
  const patchSupported = await rt.client.patchSupported();
  for (const resourceType of (['Users', 'Groups'] as const).filter((type) => rt.target.resourceTypes.includes(type))) {
    const onTarget = new Map((await rt.client.list(resourceType)).map((resource) => [String(resource['id']), resource]));
    const records = new Map((await rt.state.resources(rt.target.id, resourceType)).map((record) => [record.sourceId, record]));
    const sources = new Set([...records.keys(), ...[...desired.values()].filter((d) => d.key.resourceType === resourceType).map((d) => d.key.sourceId)]);
    const managed = new Set<string>();
    for (const sourceId of sources) {
      const key = { resourceType, sourceId };
      const resource = desired.get(`${rt.target.tenant}/${resourceType === 'Users' ? 'User' : 'Group'}/${sourceId}`)?.resource;
      const record = records.get(sourceId);
      if (record?.targetId) managed.add(record.targetId);
      const found = record?.targetId ? onTarget.get(record.targetId) : undefined;
      const observed: DeliveredResource | undefined = !record?.targetId ? record : found ? observedRecord(found, record, undefined) : { ...record, targetId: undefined, body: undefined, members: undefined };
      const members = resourceType === 'Groups' ? memberValues(resource) : [];
      const memberTargetIds = new Map([...(await rt.state.targetIds(rt.target.id, 'Users', members)), ...(await rt.state.targetIds(rt.target.id, 'Groups', members))]);
      const inScope = resourceType === 'Users' && resource ? userInScope(resource, rt.target.scope, context.scopeMembers.has(sourceId.toLowerCase())) : true;
      const input: PlanInput = { target: rt.target, resourceType, sourceId, desired: resource, inScope, record: observed, memberTargetIds, patchSupported };
      const plan = planDelivery(withObservedShape(input, found));
      const difference = describe(key, plan.steps, record?.targetId);
      if (!difference) continue;
      report.differences.push(difference);
      if (dryRun) continue;
      try {
        const result = await executePlan(rt.client, plan, (next) => planDelivery({ ...input, record: next }));
        await rt.state.saveResource(rt.target.id, { ...result.record, lastAttemptAt: new Date(rt.now()).toISOString(), lastAnswer: { status: result.status } });
        report.repaired++;
      } catch (error) {
        report.failed.push({ difference, error: (error as Error).message });
      }
    }
    for (const [targetId] of onTarget) if (!managed.has(targetId)) report.differences.push({ resourceType, targetId, action: 'unmanaged' });
  }
  return report;
}

// Observed against the body we want now (not only what we last wrote), so an attribute changed on the target
// shows up even when the hub's value did not change.
function withObservedShape(input: PlanInput, found: JsonObject | undefined): PlanInput {
  if (!found || !input.record || !input.desired || !input.inScope) return input;
  const wanted = planDelivery({ ...input, record: undefined }).next.body;
  return { ...input, record: observedRecord(found, input.record, wanted) };
}
