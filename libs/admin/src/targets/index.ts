/** /admin/targets (configuration) and /admin/targets/{id}/… (engine control). */
export { AdminTargetsModule, type AdminTargetsOptions } from './admin-targets.module';
/** The controllers, for composition and tests. */
export { AdminTargetsController } from './admin-targets.controller';
/** Status, resources, parked, redrive and reconcile, calling the OutboundControl port. */
export { AdminOutboundController } from './admin-outbound.controller';
/** Injection tokens of the registry and the engine control. */
export { TARGET_REGISTRY, OUTBOUND_CONTROL, InjectTargetRegistry, InjectOutboundControl } from './admin-targets.tokens';
/** OpenAPI 3.1 paths and schemas of these endpoints, for the admin API's document. */
export { TARGETS_OPENAPI, TARGETS_OPENAPI_PATHS, TARGETS_OPENAPI_SCHEMAS } from './targets.openapi';
