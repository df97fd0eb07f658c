/** An independent SCIM application (scimmy + express) in its own process, with fault injection and a request log. */
export { startScimTarget, type ScimTarget, type ScimTargetOptions, type TargetFault, type TargetRequest, type TargetResource } from './scim-target';
