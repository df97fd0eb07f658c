// Reconciliation: compare the desired state (every user and group of the tenant, folded from the event store)
// with what the target holds (GET /Users and /Groups, paged) and repair the drift. Each resource is planned
// against what the target actually holds instead of what we last wrote; the dry run only reports the plans.
import type { JsonObject } from '@scim-hub/scim';
import { planDelivery, type PlanInput } from '../plan/plan-delivery';
import type { DeliveryPlan, DeliveryStep } from '../plan/delivery-step';
import { referencedIds } from '../plan/references';
import { userInScope } from '../plan/scope';
import type { DeliveredResource } from '../state/delivery-state.port';
import type { TargetResourceType } from '../target.definition';
import { batchContext } from './batch-delivery';
import { observedRecord } from './observed-record';
import { executePlan } from './plan-executor';
import { targetIdsOf, withResourceLock } from './resource-delivery';
import type { ResourceKey } from './resource-key';
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
  const pass: Pass = { rt, dryRun, report, desired: await rt.reader.all(), context: await batchContext(rt), patchSupported: await rt.client.patchSupported() };
  for (const resourceType of (['Users', 'Groups'] as const).filter((type) => rt.target.resourceTypes.includes(type))) {
    await reconcileType(pass, resourceType);
  }
  return report;
}

interface Pass {
  rt: TargetRuntime;
  dryRun: boolean;
  report: ReconcileReport;
  desired: Awaited<ReturnType<TargetRuntime['reader']['all']>>;
  context: Awaited<ReturnType<typeof batchContext>>;
  patchSupported: boolean;
}

async function reconcileType(pass: Pass, resourceType: TargetResourceType): Promise<void> {
  const { rt } = pass;
  const onTarget = new Map((await rt.client.list(resourceType)).map((resource) => [String(resource['id']), resource]));
  const records = new Map((await rt.state.resources(rt.target.id, resourceType)).map((record) => [record.sourceId, record]));
  const desiredIds = [...pass.desired.values()].filter((d) => d.key.resourceType === resourceType).map((d) => d.key.sourceId);
  for (const sourceId of new Set([...records.keys(), ...desiredIds])) {
    await reconcileResource(pass, { resourceType, sourceId }, records.get(sourceId), onTarget);
  }
  const managed = new Set([...records.values()].flatMap((record) => record.targetId ?? []));
  for (const targetId of onTarget.keys()) if (!managed.has(targetId)) pass.report.differences.push({ resourceType, targetId, action: 'unmanaged' });
}

// Under the resource's lock, so that a repair never races the loop's delivery of the same resource.
function reconcileResource(pass: Pass, key: ResourceKey, record: DeliveredResource | undefined, onTarget: Map<string, JsonObject>): Promise<void> {
  return withResourceLock(pass.rt, key, async () => {
    const input = await inputAgainstTarget(pass, key, record, onTarget);
    const plan = planDelivery(input);
    const difference = describe(key, plan.steps, record?.targetId);
    if (!difference) return;
    pass.report.differences.push(difference);
    if (!pass.dryRun) await repair(pass, key, input, plan, difference);
  });
}

async function repair(pass: Pass, key: ResourceKey, input: PlanInput, plan: DeliveryPlan, difference: Difference): Promise<void> {
  const { rt } = pass;
  try {
    const result = await executePlan(rt.client, plan, (next) => planDelivery({ ...input, record: next }));
    const at = new Date(rt.now()).toISOString();
    await rt.state.saveResource(rt.target.id, { ...result.record, lastAttemptAt: at, lastAnswer: { status: result.status } });
    // The resource now holds its current state on the target: a change parked for it is moot.
    await rt.state.unpark(rt.target.id, key.resourceType, key.sourceId);
    pass.report.repaired++;
  } catch (error) {
    pass.report.failed.push({ difference, error: (error as Error).message });
  }
}

// The plan input with the record replaced by what the target holds (or "not there" when it lost the resource).
async function inputAgainstTarget(pass: Pass, key: ResourceKey, record: DeliveredResource | undefined, onTarget: Map<string, JsonObject>): Promise<PlanInput> {
  const { rt } = pass;
  const stream = `${rt.target.tenant}/${key.resourceType === 'Users' ? 'User' : 'Group'}/${key.sourceId}`;
  const resource = pass.desired.get(stream)?.resource;
  const found = record?.targetId ? onTarget.get(record.targetId) : undefined;
  const lost = { ...record, ...key, targetId: undefined, body: undefined, members: undefined };
  const observed = !record?.targetId ? record : found ? observedRecord(found, record, undefined) : lost;
  const referenceTargetIds = await targetIdsOf(rt, referencedIds(key.resourceType, resource));
  const inGroup = pass.context.scopeMembers.has(key.sourceId.toLowerCase());
  const inScope = key.resourceType === 'Users' && resource ? userInScope(resource, rt.target.scope, inGroup) : true;
  const input: PlanInput = { ...key, target: rt.target, desired: resource, inScope, record: observed, referenceTargetIds, patchSupported: pass.patchSupported };
  return withObservedShape(input, found);
}

// Observed against the body we want now (not only what we last wrote), so an attribute changed on the target
// shows up even when the hub's value did not change.
function withObservedShape(input: PlanInput, found: JsonObject | undefined): PlanInput {
  if (!found || !input.record || !input.desired || !input.inScope) return input;
  const wanted = planDelivery({ ...input, record: undefined }).next.body;
  return { ...input, record: observedRecord(found, input.record, wanted) };
}
