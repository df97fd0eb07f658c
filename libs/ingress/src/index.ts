/** The SCIM API module and what composing it needs. */
export { ScimModule, type ScimModuleDependencies } from './scim.module';
/** SCIM API options, the base path and the endpoint names under it. */
export { SCIM_BASE_PATH, SCIM_ENDPOINT_NAMES, type ScimOptions } from './scim.options';
/** The write side: loads streams, decides, claims unique values, appends (usable without Nest, e.g. the CLI). */
export { ResourceWriter, type WriteOutcome } from './write/resource-writer';
/** Who wrote: the metadata every event carries. */
export type { WriteContext } from './write/write-context';
