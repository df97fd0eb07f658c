// Public surface of the read-model lib: the port, its errors and the projector. Adapters live in subpaths
// (`@scim-hub/read-model/sqlite`, `/postgres`) so that a deployment loads only its driver; the shared
// contract suite is `@scim-hub/read-model/testing`.

/** The read-model port and its query types. */
export type * from './read-model.port';
/** Errors adapters raise instead of driver errors. */
export * from './read-model.errors';
/** Single-read-model projector and in-place rebuild (the hub uses the projection runner and `scimProjection`). */
export { startProjector, rebuildReadModel, type ProjectorLag, type ProjectorOptions } from './projector';
/** The SCIM read model as a named projection for the projection runner. */
export { SCIM_PROJECTION, scimProjection } from './scim.projection';
