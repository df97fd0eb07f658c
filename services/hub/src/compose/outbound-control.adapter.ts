// The outbound engine (libs/outbound) as the admin API's OutboundControl port (libs/targets): the engine's
// shapes are renamed to the documented admin shapes here, and its errors become the errors the admin layer
// already answers (TargetNotFound → 404, OutboundUnavailable → 503), so neither side knows the other.
import { positionToString } from '@scim-hub/event-store';
import {
  DeliveryError,
  type Difference,
  type OutboundEngine,
  type ParkedChange as EngineParkedChange,
  type ReconcileReport as EngineReport,
  type ResourceStatus,
  TargetQuarantined,
  type TargetStatus as EngineStatus,
  UnknownTarget,
} from '@scim-hub/outbound';
import {
  type DriftItem,
  type OutboundControl,
  OutboundUnavailable,
  type ParkedChange,
  type ReconcileReport,
  type ResourceDeliveryStatus,
  TargetNotFound,
  type TargetStatus,
} from '@scim-hub/targets';

/** OutboundControl over a running engine. */
export function outboundControlOf(engine: OutboundEngine): OutboundControl {
  const run = <T>(targetId: string, work: () => Promise<T>) => translated(engine, targetId, work);
  return {
    status: (id) => run(id, async () => statusOf(await engine.status(id))),
    resourceStatus: (id, type, rid) => run(id, async () => resourceOf(await engine.resourceStatus(id, type, rid))),
    parked: (id) => run(id, async () => (await engine.parked(id)).map(parkedOf)),
    redrive: (id, { resourceId }) => run(id, async () => ({ redriven: (await engine.redrive(id, resourceId === undefined ? {} : { sourceId: resourceId })).redriven })),
    reconcile: (id, { dryRun }) => run(id, async () => reportOf(await engine.reconcile(id, { dryRun }))),
  };
}

// A target added a moment ago may not be running yet (the engine follows the registry asynchronously):
// one re-read of the registry before answering 404.
async function translated<T>(engine: OutboundEngine, targetId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work().catch(async (error: unknown) => {
      if (!(error instanceof UnknownTarget)) throw error;
      await engine.sync();
      return work();
    });
  } catch (error) {
    if (error instanceof UnknownTarget) throw new TargetNotFound(targetId);
    if (error instanceof TargetQuarantined) throw new OutboundUnavailable(`target ${targetId} is quarantined (${error.message}); retry after it recovers`);
    if (error instanceof DeliveryError) throw new OutboundUnavailable(`target ${targetId} cannot be reached: ${error.message}`);
    throw error;
  }
}

function statusOf(status: EngineStatus): TargetStatus {
  const { quarantine, lastError } = status;
  return {
    id: status.targetId,
    enabled: status.running,
    ...(status.cursor === undefined ? {} : { cursor: status.cursor }),
    lag: { events: status.lagEvents, seconds: Math.round(status.lagSeconds * 1000) / 1000 },
    inFlight: status.inFlight,
    parked: status.parked,
    quarantine: quarantine ? { quarantined: true, since: quarantine.since, nextProbeAt: quarantine.nextProbeAt, reason: quarantine.reason } : { quarantined: false },
    ...(lastError ? { lastError: { at: lastError.at, message: lastError.detail, ...(lastError.status === undefined ? {} : { status: lastError.status }) } } : {}),
  };
}

function resourceOf(status: ResourceStatus | undefined): ResourceDeliveryStatus | undefined {
  if (!status) return undefined;
  const outcome = status.parked ? 'parked' : status.deprovisioned ? 'deprovisioned' : status.delivered ? 'delivered' : 'pending';
  const answer = status.lastAnswer;
  return {
    resourceType: status.resourceType,
    id: status.sourceId,
    delivered: status.delivered,
    ...(status.targetId === undefined ? {} : { targetId: status.targetId }),
    ...(status.lastAttemptAt === undefined ? {} : { lastAttempt: { at: status.lastAttemptAt, status: answer?.status, outcome, detail: answer?.detail } }),
    parked: status.parked,
  };
}

function parkedOf(change: EngineParkedChange): ParkedChange {
  return {
    resourceType: change.resourceType,
    resourceId: change.sourceId,
    position: positionToString(change.position),
    parkedAt: change.parkedAt,
    ...(change.answer.status === undefined ? {} : { status: change.answer.status }),
    reason: change.answer.detail ?? 'refused by the target',
  };
}

function reportOf(report: EngineReport): ReconcileReport {
  return { dryRun: report.dryRun, drift: report.differences.map(driftOf), repaired: report.repaired, failed: report.failed.length };
}

function driftOf(difference: Difference): DriftItem {
  const details = [
    difference.attributes?.length ? `attributes: ${difference.attributes.join(', ')}` : '',
    difference.membersToAdd?.length ? `members to add: ${difference.membersToAdd.join(', ')}` : '',
    difference.membersToRemove?.length ? `members to remove: ${difference.membersToRemove.join(', ')}` : '',
  ].filter(Boolean);
  return {
    resourceType: difference.resourceType,
    ...(difference.sourceId === undefined ? {} : { resourceId: difference.sourceId }),
    ...(difference.targetId === undefined ? {} : { targetId: difference.targetId }),
    kind: difference.action,
    ...(details.length ? { detail: details.join('; ') } : {}),
  };
}
