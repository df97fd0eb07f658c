// Everything the dispatcher remembers per target, behind one port (SQLite and PostgreSQL adapters): the
// cursor over the log, what each resource looks like on the target (its id there and the body last written),
// memberships waiting for a member to be provisioned, parked changes and quarantine.
import type { Position } from '@scim-hub/event-store';
import type { JsonObject } from '@scim-hub/scim';
import type { TargetResourceType } from '../target.definition';

/** A target's answer to the last call about a resource (or to a failed call). */
export interface TargetAnswer {
  /** HTTP status; absent when no answer arrived (timeout, connection refused). */
  status?: number;
  /** Error message or an excerpt of the answer body. */
  detail?: string;
}

/** What one source resource looks like on one target. */
export interface DeliveredResource {
  resourceType: TargetResourceType;
  sourceId: string;
  /** The resource's id on the target; absent when it is not (or no longer) there. */
  targetId?: string;
  /** The body last written (groups: without members); absent before the first write. */
  body?: JsonObject;
  /** Groups: target ids of the members last written. */
  members?: string[];
  /** Disabled or deleted on the target because the source left the scope or was deleted. */
  deprovisioned?: boolean;
  /** ISO-8601 time of the last call about this resource. */
  lastAttemptAt?: string;
  lastAnswer?: TargetAnswer;
}

/** A change the target refused (non-retriable answer, or retries exhausted); later changes of the resource wait. */
export interface ParkedChange {
  resourceType: TargetResourceType;
  sourceId: string;
  /** Log position of the event that was being delivered. */
  position: Position;
  parkedAt: string;
  answer: TargetAnswer;
  attempts: number;
}

/** A target held back because most calls fail; probed at growing intervals. */
export interface QuarantineState {
  since: string;
  reason: string;
  /** Probes made since the quarantine started. */
  probes: number;
  nextProbeAt: string;
}

/** The delivery-state port: every method is per target, so targets never share rows. */
export interface DeliveryStateStore {
  cursor(targetId: string): Promise<Position | undefined>;
  saveCursor(targetId: string, position: Position): Promise<void>;
  /** Forgets the cursor: the target's next pass starts at the beginning of the log (a re-evaluation). */
  resetCursor(targetId: string): Promise<void>;
  resource(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<DeliveredResource | undefined>;
  saveResource(targetId: string, resource: DeliveredResource): Promise<void>;
  /** Every resource record of a type (reconciliation). */
  resources(targetId: string, resourceType: TargetResourceType): Promise<DeliveredResource[]>;
  /** Target ids of the given source ids of one type; source ids without a target id are absent. */
  targetIds(targetId: string, resourceType: TargetResourceType, sourceIds: string[]): Promise<Map<string, string>>;
  /**
   * Replaces the set of resources `waiter` waits for (a group for its members, a user for its manager);
   * `waiter` is `Users/<id>` or `Groups/<id>`, the referenced ones are source ids.
   */
  setDeferred(targetId: string, waiter: string, referencedIds: string[]): Promise<void>;
  /** The waiters (`Users/<id>`, `Groups/<id>`) that wait for `referencedId`. */
  waitingFor(targetId: string, referencedId: string): Promise<string[]>;
  park(targetId: string, change: ParkedChange): Promise<void>;
  unpark(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<void>;
  parked(targetId: string): Promise<ParkedChange[]>;
  isParked(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<boolean>;
  quarantine(targetId: string): Promise<QuarantineState | undefined>;
  /** Sets (or, with undefined, lifts) the quarantine. */
  saveQuarantine(targetId: string, state: QuarantineState | undefined): Promise<void>;
  /** Forgets everything about a target (it was removed). */
  dropTarget(targetId: string): Promise<void>;
  close(): Promise<void>;
}
