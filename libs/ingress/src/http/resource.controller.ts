import { Body, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { formatEtag, listResponse, parseEtagList, type ScimResource } from '@scim-hub/scim';
import { CreateResourceCommand, DeleteResourceCommand, PatchResourceCommand, ReplaceResourceCommand } from '../cqrs/resource.commands';
import { GetResourceQuery, ListResourcesQuery } from '../cqrs/resource.queries';
import type { ListPage, ListRequest } from '../read/resource-reader';
import { locationOf } from '../read/resource-presenter';
import { SCIM_OPTIONS } from '../ingress.tokens';
import type { ScimOptions } from '../scim.options';
import type { ResourceType } from '../write/identity-streams';
import type { WrittenResource } from '../write/scim-write.service';
import { ifMatchOf, listRequestOf, ScimCaller, searchRequestOf, selectionOf, type ScimQuery } from './scim-request';
import type { WriteContext } from '../write/write-context';

/**
 * The SCIM endpoints every resource type has (RFC 7644 §3): list/filter, .search, get, create, replace,
 * patch, delete. Users and Groups extend it with their type; status codes follow docs/entra-compatibility.md.
 */
export abstract class ResourceController {
  protected abstract readonly type: ResourceType;

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(SCIM_OPTIONS) private readonly options: ScimOptions,
  ) {}

  @Get()
  async list(@Query() query: ScimQuery, @ScimCaller() caller: WriteContext) {
    return this.page(caller, listRequestOf(query, this.options.maxPageSize));
  }

  // RFC 7644 §3.4.3: the same query as a POST body, so that filters stay out of URLs and logs.
  @Post('.search')
  @HttpCode(200)
  async search(@Body() body: unknown, @ScimCaller() caller: WriteContext) {
    return this.page(caller, searchRequestOf(body, this.options.maxPageSize));
  }

  @Get(':id')
  async get(@Param('id') id: string, @Query() query: ScimQuery, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply, @ScimCaller() caller: WriteContext) {
    const { resource, version } = await this.queries.execute(new GetResourceQuery(caller.tenant, this.type, id, selectionOf(query)));
    reply.header('ETag', formatEtag(version));
    const none = ifNoneMatch ? parseEtagList(ifNoneMatch) : undefined;
    if (none === '*' || none?.includes(version)) return void reply.status(304);
    return resource;
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply, @ScimCaller() caller: WriteContext) {
    const written: WrittenResource = await this.commands.execute(new CreateResourceCommand(caller, this.type, body));
    return this.respond(reply, written, true);
  }

  @Put(':id')
  async replace(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply, @ScimCaller() caller: WriteContext) {
    const written: WrittenResource = await this.commands.execute(new ReplaceResourceCommand(caller, this.type, id, body, ifMatchOf(ifMatch)));
    return this.respond(reply, written, false);
  }

  @Patch(':id')
  async patch(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply, @ScimCaller() caller: WriteContext) {
    const written: WrittenResource | undefined = await this.commands.execute(new PatchResourceCommand(caller, this.type, id, body, ifMatchOf(ifMatch)));
    if (!written) return void reply.status(204);
    return this.respond(reply, written, false);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @ScimCaller() caller: WriteContext): Promise<void> {
    await this.commands.execute(new DeleteResourceCommand(caller, this.type, id, ifMatchOf(ifMatch)));
  }

  private async page(caller: WriteContext, request: ListRequest) {
    const page: ListPage = await this.queries.execute(new ListResourcesQuery(caller.tenant, this.type, request));
    // RFC 9865 §2: a cursor page carries nextCursor / previousCursor and no startIndex.
    if (request.cursor !== undefined) {
      const { nextCursor, previousCursor } = page;
      return listResponse(page.resources, { totalResults: page.totalResults, itemsPerPage: page.resources.length, nextCursor, previousCursor });
    }
    return listResponse(page.resources, { totalResults: page.totalResults, startIndex: request.startIndex, itemsPerPage: page.resources.length });
  }

  private respond(reply: FastifyReply, written: WrittenResource, created: boolean): ScimResource {
    reply.header('ETag', formatEtag(written.version));
    if (created) reply.header('Location', locationOf(this.options.publicUrl, this.type, written.id));
    return written.resource;
  }
}
