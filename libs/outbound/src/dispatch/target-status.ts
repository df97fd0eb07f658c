// What the admin layer shows about a target and about one resource on it.
import { positionToString } from '@scim-hub/event-store';
import type { QuarantineState, TargetAnswer } from '../state/delivery-state.port';
import type { TargetResourceType } from '../target.definition';
import { tenantPrefixes } from './resource-key';
import type { TargetRuntime } from './target-runtime';

/** Lag is counted up to this many events (then reported as at least this many). */
export const LAG_SCAN_LIMIT = 10_000;

/** A target's delivery status. */
export interface TargetStatus {
  targetId: string;
  running: boolean;
  /** `<commit>:<prepare>` of the last delivered batch's last event; absent before the first. */
  cursor?: string;
  /** Events of the tenant's users and groups after the cursor (capped at LAG_SCAN_LIMIT). */
  lagEvents: number;
  /** Age of the oldest undelivered event, in seconds (0 when none). */
  lagSeconds: number;
  /** Resources being delivered right now, including those waiting to retry. */
  inFlight: number;
  parked: number;
  quarantine?: QuarantineState;
  lastError?: TargetRuntime['lastError'];
}

/** One resource's delivery status on a target. */
export interface ResourceStatus {
  resourceType: TargetResourceType;
  sourceId: string;
  /** Whether the target holds the resource (created or matched, and not deleted since). */
  delivered: boolean;
  targetId?: string;
  deprovisioned: boolean;
  parked: boolean;
  lastAttemptAt?: string;
  lastAnswer?: TargetAnswer;
}

/** The status of a running target. */
export async function targetStatus(rt: TargetRuntime, running: boolean): Promise<TargetStatus> {
  const cursor = await rt.state.cursor(rt.target.id);
  const pending = await rt.eventStore.readAll({ after: cursor, maxCount: LAG_SCAN_LIMIT, streamPrefixes: tenantPrefixes(rt.target.tenant) });
  const oldest = pending[0];
  return {
    targetId: rt.target.id,
    running,
    cursor: cursor && positionToString(cursor),
    lagEvents: pending.length,
    lagSeconds: oldest ? Math.max(0, (rt.now() - Date.parse(oldest.recordedAt)) / 1000) : 0,
    inFlight: rt.inFlight.count,
    parked: (await rt.state.parked(rt.target.id)).length,
    quarantine: await rt.state.quarantine(rt.target.id),
    lastError: rt.lastError,
  };
}

/** The status of one resource on a target; undefined when the dispatcher never handled it. */
export async function resourceStatus(rt: TargetRuntime, resourceType: TargetResourceType, sourceId: string): Promise<ResourceStatus | undefined> {
  const record = await rt.state.resource(rt.target.id, resourceType, sourceId);
  const parked = await rt.state.isParked(rt.target.id, resourceType, sourceId);
  if (!record && !parked) return undefined;
  return {
    resourceType,
    sourceId,
    delivered: !!record?.targetId,
    targetId: record?.targetId,
    deprovisioned: !!record?.deprovisioned,
    parked,
    lastAttemptAt: record?.lastAttemptAt,
    lastAnswer: record?.lastAnswer,
  };
}
