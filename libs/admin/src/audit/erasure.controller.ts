import { Controller, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { tenantOf, type ErasureOutcome, type RawQuery } from '@scim-hub/audit';
import { CallerContext, type RequestContext } from '@scim-hub/platform';
import { AdminTokenGuard } from '../admin-token.guard';
import { AUDIT_SERVICES, type AuditServices } from './audit.tokens';

/** Actor recorded for erasures through the admin API (the admin token names no person). */
export const ADMIN_ACTOR = 'admin';

/** `POST /admin/erasure/Users/{id}?tenant=`: GDPR erasure of one user (docs/audit.md). */
@Controller('admin/erasure')
@UseGuards(AdminTokenGuard)
export class ErasureController {
  constructor(@Inject(AUDIT_SERVICES) private readonly audit: AuditServices) {}

  @Post('Users/:id')
  @HttpCode(200)
  eraseUser(@Param('id') id: string, @Query() query: RawQuery, @CallerContext() context: RequestContext | undefined): Promise<ErasureOutcome> {
    return this.audit.eraseUser(tenantOf(query), id, {
      actor: ADMIN_ACTOR,
      requestId: context?.requestId ?? 'unknown',
      ...(context?.clientAddress ? { clientAddress: context.clientAddress } : {}),
      ...(context?.userAgent ? { userAgent: context.userAgent } : {}),
    });
  }
}
