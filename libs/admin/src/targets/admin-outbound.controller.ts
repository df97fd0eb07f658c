import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { TargetResourceType } from '@scim-hub/outbound';
import { invalidValue, notFound } from '@scim-hub/scim';
import type {
  OutboundControl,
  ParkedChange,
  ReconcileReport,
  ResourceDeliveryStatus,
  TargetRegistry,
  TargetStatus,
} from '@scim-hub/targets';
import { AdminTokenGuard } from '../admin-token.guard';
import { InjectOutboundControl, InjectTargetRegistry } from './admin-targets.tokens';
import { asScim } from './target-errors.mapper';

const RESOURCE_TYPES: readonly string[] = ['Users', 'Groups'];

/** `/admin/targets/{id}/…`: the running engine's delivery state and controls (status, parked, redrive, reconcile). */
@Controller('admin/targets/:id')
@UseGuards(AdminTokenGuard)
export class AdminOutboundController {
  constructor(
    @InjectTargetRegistry() private readonly registry: TargetRegistry,
    @InjectOutboundControl() private readonly control: OutboundControl,
  ) {}

  @Get('status')
  status(@Param('id') id: string): Promise<TargetStatus> {
    return this.known(id, () => this.control.status(id));
  }

  @Get('resources/:resourceType/:resourceId')
  resource(@Param('id') id: string, @Param('resourceType') type: string, @Param('resourceId') rid: string): Promise<ResourceDeliveryStatus> {
    if (!RESOURCE_TYPES.includes(type)) throw notFound(`no resource type ${type.slice(0, 32)} (Users or Groups)`);
    return this.known(id, async () => {
      const status = await this.control.resourceStatus(id, type as TargetResourceType, rid);
      if (!status) throw notFound(`${type} ${rid.slice(0, 64)} has no delivery to target ${id}`);
      return status;
    });
  }

  @Get('parked')
  parked(@Param('id') id: string): Promise<{ parked: ParkedChange[] }> {
    return this.known(id, async () => ({ parked: await this.control.parked(id) }));
  }

  @Post('parked/redrive')
  @HttpCode(200)
  redrive(@Param('id') id: string, @Query('resource') resource?: string): Promise<{ redriven: number }> {
    if (resource !== undefined && resource.trim() === '') throw invalidValue('resource must be a resource id');
    return this.known(id, () => this.control.redrive(id, resource === undefined ? {} : { resourceId: resource }));
  }

  @Post('reconcile')
  @HttpCode(200)
  reconcile(@Param('id') id: string, @Query('dryRun') dryRun?: string): Promise<ReconcileReport> {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw invalidValue('dryRun must be true or false');
    return this.known(id, () => this.control.reconcile(id, { dryRun: dryRun === 'true' }));
  }

  // An unknown target is a 404 whether or not the engine runs.
  private known<T>(id: string, work: () => Promise<T>): Promise<T> {
    if (!this.registry.view(id)) throw notFound(`target ${id.slice(0, 64)} not found`);
    return asScim(work);
  }
}
