import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { isValidTenant, TENANT_RULE } from '@scim-hub/access';
import { CallerContext, type RequestContext } from '@scim-hub/platform';
import { invalidValue, notFound } from '@scim-hub/scim';
import { type ChangeMetadata, parseTargetBody, type TargetRegistry, type TargetView } from '@scim-hub/targets';
import { AdminTokenGuard } from '../admin-token.guard';
import { InjectTargetRegistry } from './admin-targets.tokens';
import { asScim } from './target-errors.mapper';

/** `/admin/targets`: add, list, show, replace, remove — the same operations as `scim-hub targets`. Never a secret in clear. */
@Controller('admin/targets')
@UseGuards(AdminTokenGuard)
export class AdminTargetsController {
  constructor(@InjectTargetRegistry() private readonly registry: TargetRegistry) {}

  @Get()
  list(@Query('tenant') tenant?: string): { targets: TargetView[] } {
    if (tenant !== undefined && !isValidTenant(tenant)) throw invalidValue(`tenant must be ${TENANT_RULE}`);
    return { targets: this.registry.views(tenant) };
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  add(@Body() body: unknown, @CallerContext() caller: RequestContext | undefined): Promise<TargetView> {
    return asScim(() => this.registry.add(parseTargetBody(body), changeMetadata(caller)));
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  show(@Param('id') id: string): TargetView {
    const view = this.registry.view(id);
    if (!view) throw notFound(`target ${id.slice(0, 64)} not found`);
    return view;
  }

  /** Replaces the configuration; a secret left out of `auth` is kept, so a GET answer edited and sent back works. */
  @Put(':id')
  @Header('Cache-Control', 'no-store')
  replace(@Param('id') id: string, @Body() body: unknown, @CallerContext() caller: RequestContext | undefined): Promise<TargetView> {
    return asScim(async () => {
      const withId = typeof body === 'object' && body !== null && !Array.isArray(body) ? { id, ...body } : body;
      const input = parseTargetBody(withId, { secrets: 'optional' });
      if (input.id !== id) throw invalidValue(`id must equal the id in the path (${id.slice(0, 64)})`);
      return (await this.registry.change(id, input, changeMetadata(caller))).view;
    });
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string, @CallerContext() caller: RequestContext | undefined): Promise<void> {
    return asScim(() => this.registry.remove(id, changeMetadata(caller)));
  }
}

// The admin token has no id of its own: the actor is `admin`; the request id ties the event to the access log.
function changeMetadata(context: RequestContext | undefined): ChangeMetadata {
  return {
    actor: 'admin',
    ...(context ? { requestId: context.requestId, clientAddress: context.clientAddress } : {}),
    ...(context?.userAgent ? { userAgent: context.userAgent } : {}),
  };
}
