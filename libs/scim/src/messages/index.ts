/** Builds a ListResponse message (RFC 7644 §3.4.2). */
export { listResponse } from './list-response';
/** The ListResponse message and its paging figures. */
export type { ListResponse, ListPage } from './list-response';
/** Reads `startIndex` / `count` under the server's paging policy (RFC 7644 §3.4.2.4). */
export { parsePaging } from './paging.parser';
/** A checked page request, the paging policy, and the raw query value type. */
export type { Paging, PagingPolicy, PagingValue } from './paging.parser';
/** ETags: `W/"<revision>"` out, If-Match / If-None-Match lists in (RFC 7232, RFC 7644 §3.14). */
export { formatEtag, parseEtag, parseEtagList, etagListMatches } from './etag';
/** Checks a POST /.search body (RFC 7644 §3.4.3). */
export { parseSearchRequest } from './search-request.parser';
/** A checked SearchRequest. */
export type { SearchRequest } from './search-request.parser';
/** Builds `meta` and resource locations (RFC 7643 §3.1). */
export { resourceMeta, resourceLocation } from './resource-meta';
/** What `resourceMeta` needs. */
export type { ResourceMetaInput } from './resource-meta';
/** Reads sortBy / sortOrder and resolves a sortBy path against a schema (RFC 7644 §3.4.2.3). */
export { parseSort, bindSort } from './sort.parser';
/** A checked sort request and what its path names. */
export type { SortRequest, SortTarget } from './sort.parser';
/** Group members on the wire with `$ref` and `type` (RFC 7643 §4.2). */
export { presentMemberRefs } from './member-refs';
