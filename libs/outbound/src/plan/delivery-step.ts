// What delivering one resource to one target takes, as data: the planner decides, the executor calls the target.
import type { JsonObject } from '@scim-hub/scim';
import type { DeliveredResource } from '../state/delivery-state.port';
import type { TargetResourceType } from '../target.definition';

/** One RFC 7644 §3.5.2 PATCH operation. */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** An attribute to look the resource up by on the target before creating it (match before create). */
export interface MatchAttribute {
  attribute: string;
  value: string;
}

/** One call (or decision) of a delivery. */
export type DeliveryStep =
  | { kind: 'Create'; resourceType: TargetResourceType; body: JsonObject; match: MatchAttribute[] }
  | { kind: 'Replace'; resourceType: TargetResourceType; targetId: string; body: JsonObject }
  | { kind: 'Patch'; resourceType: TargetResourceType; targetId: string; operations: PatchOperation[] }
  | { kind: 'Delete'; resourceType: TargetResourceType; targetId: string }
  /** Referenced resources (members, manager) the target does not hold yet; replaces the resource's deferral. */
  | { kind: 'Defer'; memberIds: string[] }
  | { kind: 'Skip'; reason: string };

/** A plan: the steps and the record to keep once they succeed (a Create fills in the target id). */
export interface DeliveryPlan {
  steps: DeliveryStep[];
  next: DeliveredResource;
}
