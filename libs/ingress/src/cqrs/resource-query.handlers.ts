import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ResourceReader } from '../read/resource-reader';
import { GetResourceQuery, ListResourcesQuery, SearchAllResourcesQuery } from './resource.queries';

/** Handles GetResourceQuery. */
@QueryHandler(GetResourceQuery)
export class GetResourceHandler implements IQueryHandler<GetResourceQuery> {
  constructor(@Inject(ResourceReader) private readonly reader: ResourceReader) {}
  execute(q: GetResourceQuery) {
    return this.reader.get(q.tenant, q.type, q.id, q.selection);
  }
}

/** Handles ListResourcesQuery. */
@QueryHandler(ListResourcesQuery)
export class ListResourcesHandler implements IQueryHandler<ListResourcesQuery> {
  constructor(@Inject(ResourceReader) private readonly reader: ResourceReader) {}
  execute(q: ListResourcesQuery) {
    return this.reader.list(q.tenant, q.type, q.request);
  }
}

/** Handles SearchAllResourcesQuery. */
@QueryHandler(SearchAllResourcesQuery)
export class SearchAllResourcesHandler implements IQueryHandler<SearchAllResourcesQuery> {
  constructor(@Inject(ResourceReader) private readonly reader: ResourceReader) {}
  execute(q: SearchAllResourcesQuery) {
    return this.reader.listAcross(q.tenant, q.request);
  }
}

/** Every query handler of the SCIM API. */
export const RESOURCE_QUERY_HANDLERS = [GetResourceHandler, ListResourcesHandler, SearchAllResourcesHandler];
