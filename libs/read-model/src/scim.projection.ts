import type { CheckpointedProjection } from '@scim-hub/event-store/projections';
import type { ReadModel } from './read-model.port';

/** The name of the SCIM read model among the projections (CLI, admin API, metrics, lease). */
export const SCIM_PROJECTION = 'scim';

/** The SCIM read model as a projection the runner runs (rebuilt through a shadow copy when the adapter offers one). */
export function scimProjection(readModel: ReadModel): CheckpointedProjection {
  return {
    name: SCIM_PROJECTION,
    checkpoint: () => readModel.checkpoint(),
    project: (events) => readModel.project(events),
    reset: () => readModel.reset(),
    ...(readModel.openShadow ? { openShadow: () => readModel.openShadow!() } : {}),
  };
}
