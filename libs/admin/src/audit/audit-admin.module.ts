import { type DynamicModule, Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin-token.guard';
import { AuditController } from './audit.controller';
import { AUDIT_SERVICES, type AuditServices } from './audit.tokens';
import { ErasureController } from './erasure.controller';

/** `/admin/audit…` and `/admin/erasure…`, guarded by HUB_ADMIN_TOKEN like the rest of /admin. */
@Module({})
export class AuditAdminModule {
  static forRoot(services: AuditServices): DynamicModule {
    return {
      module: AuditAdminModule,
      controllers: [AuditController, ErasureController],
      providers: [AdminTokenGuard, { provide: AUDIT_SERVICES, useValue: services }],
    };
  }
}
