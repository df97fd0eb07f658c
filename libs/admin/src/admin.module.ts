import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { OpenApiController } from './openapi';
import { AdminTokensController } from './tokens';

/**
 * The admin API under /admin, guarded by HUB_ADMIN_TOKEN. Needs the global PlatformModule (config) and
 * AccessModule (token store). /admin/audit and /admin/erasure come with AuditAdminModule (audit/), composed by the hub.
 */
@Module({
  controllers: [AdminTokensController, OpenApiController],
  providers: [AdminTokenGuard],
})
export class AdminModule {}
