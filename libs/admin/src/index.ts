/** The admin API module (/admin/tokens, /admin/openapi.json). */
export { AdminModule } from './admin.module';
/** The HUB_ADMIN_TOKEN guard (404 when the admin API is disabled). */
export { AdminTokenGuard } from './admin-token.guard';
/** /admin/tokens controller and DTOs. */
export * from './tokens';
/** /admin/audit and /admin/erasure (AuditAdminModule) and what they run on. */
export * from './audit';
/** The OpenAPI document of the admin API. */
export * from './openapi';
/** /admin/targets: the target registry's admin API and the outbound engine's control endpoints. */
export * from './targets';
/** /admin/projections: status, rebuild and replay of the named projections. */
export * from './projections';
