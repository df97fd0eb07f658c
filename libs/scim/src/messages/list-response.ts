import { LIST_RESPONSE_SCHEMA } from '../schema';
import type { JsonObject } from '../resource';

/** A ListResponse message (RFC 7644 §3.4.2). */
export interface ListResponse<T = JsonObject> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  /** Index paging only; a cursor page has no index (RFC 9865 §2). */
  startIndex?: number;
  itemsPerPage: number;
  /** RFC 9865 §2: the cursor of the next page; absent on the last page. */
  nextCursor?: string;
  /** RFC 9865 §2: the cursor of the previous page; absent on the first page. */
  previousCursor?: string;
  Resources: T[];
}

/** Paging figures of a ListResponse; `itemsPerPage` defaults to the number of resources on the page. */
export interface ListPage {
  totalResults: number;
  /** Given for index paging, left out for cursor paging. */
  startIndex?: number;
  itemsPerPage?: number;
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * Builds a ListResponse. `Resources` is always present, `[]` when nothing matched: Entra's Test Connection expects
 * 200 with an empty ListResponse, never a 404 (docs/entra-compatibility.md §20–21). `itemsPerPage` is the count on this page, which is
 * what Microsoft's Postman suite checks (docs/entra-compatibility.md §23).
 */
export function listResponse<T>(resources: T[], page: ListPage): ListResponse<T> {
  // Assigned in wire order (JSON keeps insertion order); cheaper than spreading the optional members.
  const response: Partial<ListResponse<T>> = { schemas: [LIST_RESPONSE_SCHEMA], totalResults: page.totalResults };
  if (page.startIndex !== undefined) response.startIndex = page.startIndex;
  response.itemsPerPage = page.itemsPerPage ?? resources.length;
  if (page.nextCursor !== undefined) response.nextCursor = page.nextCursor;
  if (page.previousCursor !== undefined) response.previousCursor = page.previousCursor;
  response.Resources = resources;
  return response as ListResponse<T>;
}
