import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ScimBearerGuard } from '@scim-hub/access/nest';
import { CallerContext, type RequestContext } from '@scim-hub/platform';
import { listResponse } from '@scim-hub/scim';
import { SearchAllResourcesQuery } from '../cqrs/resource.queries';
import { SCIM_OPTIONS } from '../ingress.tokens';
import type { ListPage } from '../read/resource-reader';
import type { ScimOptions } from '../scim.options';
import { searchRequestOf, tenant } from './scim-request';

/**
 * POST /scim/v2/.search (RFC 7644 §3.4.3): one query over every resource type of the caller's tenant; each
 * resource says what it is in `schemas` and `meta.resourceType`.
 */
@Controller('scim/v2')
@UseGuards(ScimBearerGuard)
export class RootSearchController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(SCIM_OPTIONS) private readonly options: ScimOptions,
  ) {}

  @Post('.search')
  @HttpCode(200)
  async search(@Body() body: unknown, @CallerContext() caller: RequestContext | undefined) {
    const request = searchRequestOf(body, this.options.maxPageSize);
    const page: ListPage = await this.queries.execute(new SearchAllResourcesQuery(tenant(caller), request));
    return listResponse(page.resources, { totalResults: page.totalResults, startIndex: request.startIndex, itemsPerPage: page.resources.length });
  }
}
