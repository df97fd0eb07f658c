import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { AdminTokensController } from './tokens';

/**
 * The admin API under /admin, guarded by HUB_ADMIN_TOKEN. Needs the global PlatformModule (config) and
 * AccessModule (token store). Later issues add /admin/audit and /admin/replay controllers here.
 */
@Module({
  controllers: [AdminTokensController],
  providers: [AdminTokenGuard],
})
export class AdminModule {}
