// What the admin API and the CLI ask of the running outbound engine. The engine (libs/outbound) lives in the
// hub process; the hub's composition adapts it to this port (services/hub/src/compose/outbound.composition.ts),
// so the admin feature depends on a narrow interface, not on the dispatcher.
import type { TargetResourceType } from '@scim-hub/outbound';

/** A target's delivery state (GET /admin/targets/{id}/status). */
export interface TargetStatus {
  id: string;
  enabled: boolean;
  /** Global log position the target's cursor has reached, as a string (absent before the first delivery). */
  cursor?: string;
  lag: { events: number; seconds: number };
  inFlight: number;
  parked: number;
  /** Deferred membership changes waiting for a member to be provisioned. */
  deferred?: number;
  quarantine: { quarantined: boolean; since?: string; nextProbeAt?: string; reason?: string };
  lastError?: { at: string; message: string; status?: number };
  /** Whether the initial sync from the read model has finished. */
  initialSyncDone?: boolean;
}

/** One resource's delivery to one target (GET /admin/targets/{id}/resources/{Users|Groups}/{rid}). */
export interface ResourceDeliveryStatus {
  resourceType: TargetResourceType;
  id: string;
  delivered: boolean;
  /** The resource's id on the target, once created or matched there. */
  targetId?: string;
  lastAttempt?: { at: string; status?: number; outcome: string; detail?: string };
  parked?: boolean;
}

/** A parked change: a 4xx answer stopped it; later changes of the same resource wait behind it. */
export interface ParkedChange {
  resourceType: TargetResourceType;
  resourceId: string;
  /** Log position of the parked event, as a string. */
  position: string;
  /** Absent: the dispatcher parks a resource (its current state), not one event. */
  eventType?: string;
  parkedAt: string;
  /** The target's answer. */
  status?: number;
  reason: string;
  /** Later changes of the resource waiting behind it. */
  waiting?: number;
}

/** One difference between the desired state and the target's, as reconcile reports it. */
export interface DriftItem {
  resourceType: TargetResourceType;
  /** Source id in the hub (absent for a stray resource found only on the target). */
  resourceId?: string;
  targetId?: string;
  kind: string;
  detail?: string;
}

/** What a reconcile run found and (unless a dry run) repaired. */
export interface ReconcileReport {
  dryRun: boolean;
  drift: DriftItem[];
  repaired: number;
  failed?: number;
}

/** The running engine's control surface, per target id. */
export interface OutboundControl {
  status(targetId: string): Promise<TargetStatus>;
  /** Undefined when the resource was never seen for this target. */
  resourceStatus(targetId: string, resourceType: TargetResourceType, resourceId: string): Promise<ResourceDeliveryStatus | undefined>;
  parked(targetId: string): Promise<ParkedChange[]>;
  /** Retries the parked changes (all, or one resource's); resolves with how many were released. */
  redrive(targetId: string, options: { resourceId?: string }): Promise<{ redriven: number }>;
  reconcile(targetId: string, options: { dryRun: boolean }): Promise<ReconcileReport>;
}

/** The engine cannot act now (not running in this process, or the target is quarantined or unreachable): the admin API answers 503. */
export class OutboundUnavailable extends Error {
  override name = 'OutboundUnavailable';
}

/** The OutboundControl of a hub without an outbound engine: every call rejects with OutboundUnavailable. */
export const NO_OUTBOUND_ENGINE: OutboundControl = {
  status: unavailable,
  resourceStatus: unavailable,
  parked: unavailable,
  redrive: unavailable,
  reconcile: unavailable,
};

async function unavailable(): Promise<never> {
  throw new OutboundUnavailable('the outbound engine is not running in this hub');
}
