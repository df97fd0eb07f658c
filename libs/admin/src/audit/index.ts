/** The audit and erasure endpoints and what they run on. */
export { AuditAdminModule } from './audit-admin.module';
/** The services the audit module needs, and their injection token. */
export { AUDIT_SERVICES, type AuditServices } from './audit.tokens';
/** The audit controller and its page shape. */
export { AuditController, type AuditEntriesResponse } from './audit.controller';
/** The erasure controller and the actor it records. */
export { ADMIN_ACTOR, ErasureController } from './erasure.controller';
