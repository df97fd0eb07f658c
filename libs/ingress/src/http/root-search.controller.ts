import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ScimBearerGuard } from '@scim-hub/access/nest';
import { listResponse } from '@scim-hub/scim';
import { SearchAllResourcesQuery } from '../cqrs/resource.queries';
import { SCIM_OPTIONS } from '../ingress.tokens';
import type { ListPage } from '../read/resource-reader';
import type { ScimOptions } from '../scim.options';
import { ScimCaller, searchRequestOf } from './scim-request';
import type { WriteContext } from '../write/write-context';

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
  async search(@Body() body: unknown, @ScimCaller() caller: WriteContext) {
    const request = searchRequestOf(body, this.options.maxPageSize);
    const page: ListPage = await this.queries.execute(new SearchAllResourcesQuery(caller.tenant, request));
    return listResponse(page.resources, { totalResults: page.totalResults, startIndex: request.startIndex, itemsPerPage: page.resources.length });
  }
}
