/** A named, checkpointed projection of the global log, and the shadow copy a rebuild fills. */
export type { CheckpointedProjection, ShadowProjection } from './checkpointed-projection';
/** The runner of named projections; its options, replay start and `parseReplayFrom`. */
export {
  ProjectionRunner,
  parseReplayFrom,
  type CheckpointSignal,
  type ProjectionRunnerOptions,
  type ReplayFrom,
  type StartedRebuild,
} from './projection-runner';
/** Where the runner's projections read the log from (store subscription by default, or a bus), and the default. */
export { logProjectionSource, type FollowOptions, type ProjectionFeed, type ProjectionSource } from './projection-source';
/** Leases deciding which process runs each projection; the single-process one. */
export { LocalProjectionLeases, type HeldLease, type ProjectionLeases } from './projection-lease';
/** Status, states, errors and hooks the runner reports. */
export type { ProjectionError, ProjectionRunnerHooks, ProjectionState, ProjectionStatus } from './projection-status';
/** Errors of the runner's operations (unknown name; conflict with a running rebuild or another process). */
export { ProjectionConflict, UnknownProjection } from './projection.errors';
