/** A named, checkpointed projection of the global log. */
export type { CheckpointedProjection } from './checkpointed-projection';
