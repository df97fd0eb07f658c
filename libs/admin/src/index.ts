/** The admin API module (/admin/tokens; room for /admin/audit and /admin/replay). */
export { AdminModule } from './admin.module';
/** The HUB_ADMIN_TOKEN guard (404 when the admin API is disabled). */
export { AdminTokenGuard } from './admin-token.guard';
/** /admin/tokens controller and DTOs. */
export * from './tokens';
/** /admin/projections: status, rebuild and replay of the named projections. */
export * from './projections';
