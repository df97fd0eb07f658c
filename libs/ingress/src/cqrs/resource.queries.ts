import type { ResourceType } from '../write/identity-streams';
import type { ListRequest } from '../read/resource-reader';
import type { SelectionInput } from '@scim-hub/scim';

/** GET /Users/{id} or /Groups/{id}. */
export class GetResourceQuery {
  constructor(readonly tenant: string, readonly type: ResourceType, readonly id: string, readonly selection: SelectionInput) {}
}
/** GET /Users, /Groups (with filter and paging) and POST …/.search. */
export class ListResourcesQuery {
  constructor(readonly tenant: string, readonly type: ResourceType, readonly request: ListRequest) {}
}
/** POST /.search at the root: every resource type of the tenant (RFC 7644 §3.4.3). */
export class SearchAllResourcesQuery {
  constructor(readonly tenant: string, readonly request: ListRequest) {}
}
