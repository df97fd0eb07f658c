// The outbound dispatcher: keeps any number of downstream SCIM applications ("targets") in step with the hub.
// Free of Nest; the hub wires it like this (see docs/outbound.md for the behaviour):
//
//   const deliveryState = openSqliteDeliveryState({ file: join(dataDir, 'outbound.db') });        // '@scim-hub/outbound/sqlite'
//   //   or await openPostgresDeliveryState({ connectionString, schema: 'outbound' })             // '@scim-hub/outbound/postgres'
//   const engine = new OutboundEngine({ eventStore, deliveryState, targets, hooks });
//   await engine.start();          // one loop per enabled target; follows targets.subscribe()
//   await engine.status('t1');     // GET /admin/targets/t1/status
//   await engine.resourceStatus('t1', 'Users', id);
//   await engine.parked('t1');     await engine.redrive('t1', { resourceType: 'Users', sourceId: id });
//   await engine.reconcile('t1', { dryRun: true });
//   await engine.forget('t1');     // after the target was removed from the source: drop its delivery state
//   await engine.stop();
//
// Test support (an in-process harness, an independent scimmy target in its own process, a fault-injecting
// proxy, an identity-event writer, the delivery-state contract suite) is in '@scim-hub/outbound/testing'.
//
// Methods taking a target id reject with UnknownTarget when the target source does not list it; redrive and
// reconcile reject with TargetQuarantined / DeliveryError while the target cannot be reached.

/** A downstream SCIM application as the dispatcher sees it, and where targets come from. */
export * from './target.definition';

/** The engine: start()/stop(), status, resourceStatus, parked, redrive, reconcile, forget. */
export { OutboundEngine, UnknownTarget, type OutboundEngineOptions } from './engine/outbound-engine';
/** Where a target's loop learns of changes: the type the engine's `changeFeed` option takes, and the log's. */
export { logChangeFeed, type ChangeFeed, type ChangeFeedOptions, type ChangeFeedRun } from './dispatch/change-feed';
/** Observer callbacks (delivered / failed / parked / quarantine / log) for metrics and logs. */
export type { OutboundHooks, ResourceEvent } from './engine/outbound-hooks';
/** Thrown by redrive while the target is quarantined (nothing is sent until a probe succeeds). */
export { TargetQuarantined } from './dispatch/target-runtime';
/** Status shapes returned by the engine. */
export type { ResourceStatus, TargetStatus } from './dispatch/target-status';
/** Which parked changes a redrive takes, and its outcome. */
export type { RedriveFilter, RedriveResult } from './dispatch/redrive';
/** Reconciliation report: one Difference per resource that differs (create, update, disable, delete, unmanaged). */
export type { Difference, ReconcileReport } from './dispatch/reconcile';
/** Retry, quarantine and probe policies (engine options), with their defaults. */
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './delivery/backoff';
/** Quarantine thresholds and their defaults. */
export { DEFAULT_HEALTH_POLICY, type HealthPolicy } from './dispatch/target-health';
/** Quarantine probe timing and its default. */
export { DEFAULT_PROBE_POLICY, type ProbePolicy } from './dispatch/target-runtime';

/** The delivery-state port (adapters: `@scim-hub/outbound/sqlite`, `@scim-hub/outbound/postgres`) and its records. */
export type { DeliveredResource, DeliveryStateStore, ParkedChange, QuarantineState, TargetAnswer } from './state/delivery-state.port';

/** A failed call to a target; retry logic reads only `retriable`. */
export { DeliveryError } from './delivery/delivery-error';
/** The SCIM client for one target (bearer or OAuth2 client credentials, pacing, PATCH discovery). */
export { ScimTargetClient, type ScimClientOptions } from './client/scim-target-client';

/** The planner: pure decisions from (source state, target state) to steps. */
export { planDelivery, matchAttributes, type PlanInput } from './plan/plan-delivery';
/** Steps a plan is made of. */
export type { DeliveryPlan, DeliveryStep, MatchAttribute, PatchOperation } from './plan/delivery-step';
/** The body a target receives for a source resource (identity or attribute mappings). */
export { targetBody } from './plan/target-body';
/** Whether a user is in a target's scope. */
export { userInScope } from './plan/scope';
