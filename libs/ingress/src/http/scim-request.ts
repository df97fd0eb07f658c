import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestContextOf, type RequestContext } from '@scim-hub/platform';
import type { FastifyRequest } from 'fastify';
import { invalidValue, parseAttributeList, parseEtagList, parsePaging, parseSearchRequest, parseSort, unauthorized, type Paging, type PagingPolicy, type PagingValue, type SelectionInput, type SortRequest } from '@scim-hub/scim';
import type { ListRequest } from '../read/resource-reader';
import type { WriteContext } from '../write/write-context';

/** Query parameters of a SCIM list or get request (RFC 7644 §3.4.2). */
export interface ScimQuery {
  filter?: string;
  startIndex?: PagingValue;
  count?: PagingValue;
  /** RFC 9865 §2: cursor paging; empty for the first page. */
  cursor?: PagingValue;
  attributes?: string;
  excludedAttributes?: string;
  /** RFC 7644 §3.4.2.3. */
  sortBy?: string;
  sortOrder?: string;
}

/** The caller's tenant and request facts; the tenant comes only from the bearer guard. */
function writeContext(ctx: RequestContext | undefined): WriteContext {
  if (!ctx?.principal) throw unauthorized('authentication required');
  return {
    tenant: ctx.principal.tenant,
    actor: ctx.principal.tokenId,
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
  };
}

/** Parameter decorator: the authenticated caller of a SCIM request as a WriteContext (401 without one). */
export const ScimCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): WriteContext =>
  writeContext(requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>())),
);

/** `attributes` / `excludedAttributes` from a query string or a SearchRequest body. */
export function selectionOf(query: { attributes?: string | string[]; excludedAttributes?: string | string[] }): SelectionInput {
  const selection: SelectionInput = {};
  if (query.attributes === undefined && query.excludedAttributes === undefined) return selection;
  const attributes = parseAttributeList(query.attributes);
  const excludedAttributes = parseAttributeList(query.excludedAttributes);
  if (attributes.length) selection.attributes = attributes;
  if (excludedAttributes.length) selection.excludedAttributes = excludedAttributes;
  return selection;
}

/** The page size without `count` (also advertised as RFC 9865 `defaultPageSize`) and the largest page. */
export function pagingPolicy(maxPageSize: number): PagingPolicy {
  return { defaultCount: Math.min(100, maxPageSize), maxCount: maxPageSize };
}

/** A list request from query parameters, paging clamped to `maxPageSize` (RFC 7644 §3.4.2.4). */
export function listRequestOf(query: ScimQuery, maxPageSize: number): ListRequest {
  assertSingleValued(query, ['filter', 'startIndex', 'count', 'cursor', 'sortBy', 'sortOrder']);
  const paging = parsePaging({ startIndex: query.startIndex, count: query.count, cursor: query.cursor }, pagingPolicy(maxPageSize));
  return listRequest(query.filter, paging, parseSort(query.sortBy, query.sortOrder), selectionOf(query));
}

// Built by assignment: spreading the optional parts cost more than parsing the filter (it runs on every list).
function listRequest(filter: string | undefined, paging: Paging, sort: SortRequest | undefined, selection: SelectionInput): ListRequest {
  const request: ListRequest = { startIndex: paging.startIndex, count: paging.count, selection };
  if (filter !== undefined) request.filter = filter;
  if (paging.cursor !== undefined) request.cursor = paging.cursor;
  if (sort) request.sort = sort;
  return request;
}

// A repeated parameter (`?filter=a&filter=b`) arrives as an array; RFC 7644 §3.4.2 gives each one value.
function assertSingleValued(query: object, names: readonly string[]): void {
  const repeated = names.find((name) => Array.isArray((query as Record<string, unknown>)[name]));
  if (repeated) throw invalidValue(`query parameter '${repeated}' is given more than once`);
}

/** A list request from a POST /.search body (RFC 7644 §3.4.3). */
export function searchRequestOf(body: unknown, maxPageSize: number): ListRequest {
  const search = parseSearchRequest(body);
  const paging = parsePaging(search, pagingPolicy(maxPageSize));
  return listRequest(search.filter, paging, parseSort(search.sortBy, search.sortOrder), selectionOf(search));
}

/** Revisions an If-Match header accepts; undefined when absent or `*` (RFC 7232 §3.1). */
export function ifMatchOf(header: string | undefined): number[] | undefined {
  if (!header) return undefined;
  const tags = parseEtagList(header);
  return tags === '*' ? undefined : tags;
}
