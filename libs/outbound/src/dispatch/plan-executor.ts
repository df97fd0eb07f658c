// Carries out a delivery plan against a target. A Create first looks the resource up by its matching
// attributes (Entra: match before create) and, when found, updates it instead; an update whose resource
// has vanished from the target (404) becomes a create.
import type { ScimTargetClient } from '../client/scim-target-client';
import { DeliveryError } from '../delivery/delivery-error';
import type { DeliveryPlan, DeliveryStep } from '../plan/delivery-step';
import type { DeliveredResource } from '../state/delivery-state.port';
import { observedRecord } from './observed-record';

/** Re-plans against a record observed on the target (after a match, or after a 404). */
export type Replan = (record: DeliveredResource) => DeliveryPlan;

/** The outcome of a plan: the record to keep, whether the target was written, members left waiting. */
export interface ExecutionResult {
  record: DeliveredResource;
  wrote: boolean;
  /** HTTP status of the last write (200 for "nothing to write"). */
  status: number;
  deferred?: string[];
}

const isGone = (error: unknown) => error instanceof DeliveryError && error.status === 404;

/**
 * Executes a plan with a client; `replan` recomputes it from what the target turns out to hold. A vanished
 * resource is provisioned again once per plan (`recreate`), so a target whose search finds a resource that
 * its updates do not cannot make this loop.
 */
export async function executePlan(client: ScimTargetClient, plan: DeliveryPlan, replan: Replan, recreate = true): Promise<ExecutionResult> {
  let result: ExecutionResult = { record: plan.next, wrote: false, status: 200 };
  for (const step of plan.steps) {
    const outcome = await executeStep(client, step, plan, replan, recreate);
    result = { ...result, ...outcome, record: outcome.record ?? result.record, wrote: result.wrote || !!outcome.wrote };
  }
  return result;
}

async function executeStep(
  client: ScimTargetClient,
  step: DeliveryStep,
  plan: DeliveryPlan,
  replan: Replan,
  recreate: boolean,
): Promise<Partial<ExecutionResult>> {
  switch (step.kind) {
    case 'Create':
      return createOrMatch(client, step, plan, replan, recreate);
    case 'Replace':
    case 'Patch':
      try {
        if (step.kind === 'Replace') await client.replace(step.resourceType, step.targetId, step.body);
        else await client.patchResource(step.resourceType, step.targetId, step.operations);
        return { wrote: true, status: 200 };
      } catch (error) {
        if (!isGone(error) || !recreate) throw error;
        // Deleted on the target behind our back: provision it again (match first, then create).
        return executePlan(client, replan({ ...plan.next, targetId: undefined, body: undefined, members: undefined }), replan, false);
      }
    case 'Delete':
      await client.remove(step.resourceType, step.targetId);
      return { wrote: true, status: 204 };
    case 'Defer':
      return { deferred: step.memberIds };
    case 'Skip':
      return {};
  }
}

async function createOrMatch(
  client: ScimTargetClient,
  step: Extract<DeliveryStep, { kind: 'Create' }>,
  plan: DeliveryPlan,
  replan: Replan,
  recreate: boolean,
): Promise<Partial<ExecutionResult>> {
  for (const match of step.match) {
    const [found] = await client.find(step.resourceType, match.attribute, match.value);
    if (!found) continue;
    const observed = observedRecord(found, plan.next, plan.next.body);
    const update = replan(observed);
    const result = await executePlan(client, { ...update, steps: update.steps.filter((s) => s.kind !== 'Create' && s.kind !== 'Defer') }, replan, recreate);
    return { ...result, record: { ...result.record, targetId: observed.targetId } };
  }
  const created = await client.create(step.resourceType, step.body);
  return { record: { ...plan.next, targetId: String(created['id']) }, wrote: true, status: 201 };
}
