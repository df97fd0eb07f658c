// The dispatcher's decisions as pure functions: given the source resource as it is now, whether it is in
// scope, and what the target holds (the delivered record, or what reconciliation or matching observed),
// return the calls to make. Delivering the same state twice plans only Skips (idempotent).
import type { JsonObject, MemberRef, ScimResource } from '@scim-hub/scim';
import type { DeliveredResource } from '../state/delivery-state.port';
import type { TargetDefinition, TargetResourceType } from '../target.definition';
import { getPath } from './attribute-path';
import type { DeliveryPlan, DeliveryStep, MatchAttribute } from './delivery-step';
import { bodyOperations, memberOperations } from './patch-operations';
import { withTargetManager } from './references';
import { targetBody } from './target-body';

/** What the planner needs to know about one resource. */
export interface PlanInput {
  target: TargetDefinition;
  resourceType: TargetResourceType;
  sourceId: string;
  /** The source resource now; undefined when it was deleted. */
  desired: ScimResource | undefined;
  /** Users: whether the user is in the target's scope (groups are always in scope). */
  inScope: boolean;
  /** What the target holds, as far as we know. */
  record: DeliveredResource | undefined;
  /** Target ids of the resources this one refers to (group members, a user's manager) that the target holds. */
  referenceTargetIds: ReadonlyMap<string, string>;
  /** Whether the target's ServiceProviderConfig says it supports PATCH. */
  patchSupported: boolean;
  /** The user's personal data was erased (GDPR): it is deleted on the target whatever `onDeprovision` says. */
  erased?: boolean;
}

const DEFAULT_GROUP_MATCH = ['displayName', 'externalId'];

/** The attributes to match an existing target resource by, in precedence order, with their values. */
export function matchAttributes(body: JsonObject, resourceType: TargetResourceType, target: TargetDefinition): MatchAttribute[] {
  const names = resourceType === 'Users' ? target.matchBy : DEFAULT_GROUP_MATCH;
  return names.flatMap((attribute) => {
    const value = getPath(body, attribute);
    return typeof value === 'string' && value !== '' ? [{ attribute, value }] : [];
  });
}

/** Plans the delivery of one resource's current state to one target. */
export function planDelivery(input: PlanInput): DeliveryPlan {
  return input.resourceType === 'Users' ? planUser(input) : planGroup(input);
}

function base(input: PlanInput): DeliveredResource {
  return { resourceType: input.resourceType, sourceId: input.sourceId, ...(input.record ?? {}) };
}

const skip = (reason: string, next: DeliveredResource): DeliveryPlan => ({ steps: [{ kind: 'Skip', reason }], next });

function planUser(input: PlanInput): DeliveryPlan {
  const record = base(input);
  if (!input.desired || !input.inScope) return planDeprovision(input, record);
  const mapped = targetBody(input.desired, input.target, 'Users');
  const { body, waiting } = withTargetManager(mapped, input.referenceTargetIds);
  // Only a user with a manager reference keeps a deferral (waiting, or cleared once resolved).
  const defer: DeliveryStep[] = body === mapped ? [] : [{ kind: 'Defer', memberIds: waiting }];
  const next = { ...record, body, deprovisioned: false };
  if (!record.targetId) return { steps: [{ kind: 'Create', resourceType: 'Users', body, match: matchAttributes(body, 'Users', input.target) }, ...defer], next };
  return { steps: [...updateSteps(input, record.targetId, record.body ?? {}, body), ...defer], next };
}

// Entra: leaving the scope disables (PATCH active=false) unless the target is set to delete.
function planDeprovision(input: PlanInput, record: DeliveredResource): DeliveryPlan {
  const why = input.desired ? 'left the scope' : 'deleted';
  if (!record.targetId) return skip(`${why}; not on the target`, record);
  // An erasure reaches the targets too (docs/audit.md): the user is deleted there and its last body forgotten here.
  if (input.target.onDeprovision === 'delete' || input.erased) {
    const next: DeliveredResource = { ...record, targetId: undefined, body: undefined, deprovisioned: true };
    return { steps: [{ kind: 'Delete', resourceType: 'Users', targetId: record.targetId }], next };
  }
  const body = record.body ?? {};
  if (body['active'] === false) return skip(`${why}; already disabled`, record);
  const disabled = { ...body, active: false };
  const next = { ...record, body: disabled, deprovisioned: true };
  const steps: DeliveryStep[] = input.patchSupported
    ? [{ kind: 'Patch', resourceType: 'Users', targetId: record.targetId, operations: [{ op: 'replace', path: 'active', value: false }] }]
    : [{ kind: 'Replace', resourceType: 'Users', targetId: record.targetId, body: disabled }];
  return { steps, next };
}

function updateSteps(input: PlanInput, targetId: string, before: JsonObject, after: JsonObject, members?: string[]): DeliveryStep[] {
  const resourceType = input.resourceType;
  const operations = [...bodyOperations(before, after), ...(members ? memberOperations(input.record?.members ?? [], members) : [])];
  if (operations.length === 0) return [{ kind: 'Skip', reason: 'target is up to date' }];
  if (input.patchSupported) return [{ kind: 'Patch', resourceType, targetId, operations }];
  const body = members ? { ...after, members: members.map((value) => ({ value })) } : after;
  return [{ kind: 'Replace', resourceType, targetId, body }];
}

function planGroup(input: PlanInput): DeliveryPlan {
  const record = base(input);
  if (!input.desired) {
    if (!record.targetId) return skip('deleted; not on the target', record);
    const next: DeliveredResource = { ...record, targetId: undefined, body: undefined, members: undefined, deprovisioned: true };
    return { steps: [{ kind: 'Delete', resourceType: 'Groups', targetId: record.targetId }], next };
  }
  const body = targetBody(input.desired, input.target, 'Groups');
  const sourceMembers = ((input.desired['members'] ?? []) as unknown as MemberRef[]).map((m) => m.value);
  const members = sourceMembers.flatMap((id) => input.referenceTargetIds.get(id) ?? []);
  const waiting = sourceMembers.filter((id) => !input.referenceTargetIds.has(id));
  const defer: DeliveryStep[] = [{ kind: 'Defer', memberIds: waiting }];
  const next = { ...record, body, members, deprovisioned: false };
  if (!record.targetId) {
    const create = { ...body, members: members.map((value) => ({ value })) };
    return { steps: [{ kind: 'Create', resourceType: 'Groups', body: create, match: matchAttributes(body, 'Groups', input.target) }, ...defer], next };
  }
  return { steps: [...updateSteps(input, record.targetId, record.body ?? {}, body, members), ...defer], next };
}
