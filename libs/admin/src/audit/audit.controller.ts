import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { listQueryOf, pageOf, pointInTimeOf, presentSnapshot, tenantOf, type AuditEntry, type AuditedResourceType, type RawQuery } from '@scim-hub/audit';
import { notFound, type ScimResource } from '@scim-hub/scim';
import { AdminTokenGuard } from '../admin-token.guard';
import { AUDIT_SERVICES, type AuditServices } from './audit.tokens';

/** A page of audit entries, oldest first (startIndex/count paging, RFC 7644 §3.4.2.4 style). */
export interface AuditEntriesResponse {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  entries: AuditEntry[];
}

/** `/admin/audit…`: history, point-in-time, per-request and over-time reads of the audit trail (docs/audit.md). */
@Controller('admin/audit')
@UseGuards(AdminTokenGuard)
export class AuditController {
  constructor(@Inject(AUDIT_SERVICES) private readonly audit: AuditServices) {}

  @Get()
  async list(@Query() query: RawQuery): Promise<AuditEntriesResponse> {
    const page = await this.audit.reader.list(listQueryOf(query));
    return { totalResults: page.totalResults, startIndex: page.startIndex, itemsPerPage: page.entries.length, entries: page.entries };
  }

  @Get('requests/:requestId')
  async request(@Param('requestId') requestId: string): Promise<{ requestId: string; entries: AuditEntry[] }> {
    const entries = await this.audit.reader.request(requestId);
    if (entries.length === 0) throw notFound(`no change recorded for request ${requestId.slice(0, 80)}`);
    return { requestId, entries };
  }

  @Get('Users/:id/history')
  userHistory(@Param('id') id: string, @Query() query: RawQuery): Promise<AuditEntriesResponse> {
    return this.history('User', id, query);
  }

  @Get('Groups/:id/history')
  groupHistory(@Param('id') id: string, @Query() query: RawQuery): Promise<AuditEntriesResponse> {
    return this.history('Group', id, query);
  }

  @Get('Users/:id')
  userAt(@Param('id') id: string, @Query() query: RawQuery): Promise<ScimResource> {
    return this.at('User', id, query);
  }

  @Get('Groups/:id')
  groupAt(@Param('id') id: string, @Query() query: RawQuery): Promise<ScimResource> {
    return this.at('Group', id, query);
  }

  private async history(resourceType: AuditedResourceType, id: string, query: RawQuery): Promise<AuditEntriesResponse> {
    const page = await this.audit.reader.history({ tenant: tenantOf(query), resourceType, id }, pageOf(query));
    if (page.totalResults === 0) throw notFound(`${resourceType} ${id.slice(0, 80)} has no recorded history`);
    return { totalResults: page.totalResults, startIndex: page.startIndex, itemsPerPage: page.entries.length, entries: page.entries };
  }

  private async at(resourceType: AuditedResourceType, id: string, query: RawQuery): Promise<ScimResource> {
    const tenant = tenantOf(query);
    const found = await this.audit.reader.at({ tenant, resourceType, id }, pointInTimeOf(query));
    if (found.kind === 'unknown') throw notFound(`${resourceType} ${id.slice(0, 80)} not found`);
    if (found.kind === 'absent') throw notFound(`${resourceType} ${id.slice(0, 80)} did not exist at ${String(query['at'])}`);
    return presentSnapshot(found.snapshot, resourceType, this.audit.schemas[resourceType], this.audit.scimBaseUrl);
  }
}
