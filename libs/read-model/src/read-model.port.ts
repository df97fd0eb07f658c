// The read-model port: what the SCIM query side reads and what the projector writes. Every adapter
// (SQLite, PostgreSQL) runs the same contract suite (src/testing/read-model.contract.ts).
import type { Position, RecordedEvent } from '@scim-hub/event-store';
import type { ShadowProjection } from '@scim-hub/event-store/projections';
import type { Filter, MemberRef, ScimResource, SortRequest } from '@scim-hub/scim';

/** The resource types the read model stores. */
export type ReadModelResourceType = 'User' | 'Group';

/** A resource as stored: the canonical document plus what the HTTP layer needs to build `meta`. */
export interface StoredResource {
  /** Canonical resource without `meta`; `members` only when asked for (RFC 7644 §3.4.2.5 excludedAttributes). */
  resource: ScimResource;
  /** Stream revision of the last projected event; `meta.version` is `W/"<version>"` (docs/architecture.md). */
  version: number;
  /** ISO-8601 UTC with milliseconds. */
  created: string;
  lastModified: string;
  /** A user's groups (RFC 7643 §4.1.2), direct and indirect, in id order; only when the read asked for them. */
  groups?: UserGroupRef[];
}

/** What to read besides the resource's own document. */
export interface ReadOptions {
  /** Group members: false never touches the membership table (Entra: excludedAttributes=members). */
  includeMembers: boolean;
  /** A user's `groups`, read in the same statement as the user; ignored for groups. */
  includeGroups?: boolean;
}

/**
 * Where a page sits in the list's order, as the values of its ordering columns (the sort value when sorted, then
 * created, id). Opaque to callers: they hand back a key the read model gave them.
 */
export type PageKey = readonly string[];

/** Keyset paging (RFC 9865 cursors): the rows strictly after or before `key`, or the first page without one. */
export interface PageSeek {
  direction: 'after' | 'before';
  key?: PageKey;
}

/** A list query: optional filter, then either 1-based startIndex and count (RFC 7644 §3.4.2.4) or a seek. */
export interface ListQuery extends ReadOptions {
  filter?: Filter;
  /** Ignored when `seek` is given. */
  startIndex: number;
  /** 0 returns only totalResults (RFC 7644 §3.4.2.4). */
  count: number;
  /** Keyset paging instead of startIndex: stable while rows are added and removed. */
  seek?: PageSeek;
  /** RFC 7644 §3.4.2.3 sortBy / sortOrder, ahead of the (created, id) order; page keys then carry the sort value. */
  sort?: SortRequest;
}

/** Where a keyset page ends, so that the caller can ask for the pages beside it. */
export interface PageBounds {
  /** Keys of the first and last resource on the page; absent when the page is empty. */
  first?: PageKey;
  last?: PageKey;
  /** Whether more rows follow in the seek's direction. */
  more: boolean;
}

/** One page of a list query; resources are ordered by (created, id) so that paging is stable. */
export interface ListResult {
  totalResults: number;
  resources: StoredResource[];
  /** Given for a seek query only. */
  bounds?: PageBounds;
}

/** Keyset paging over one group's members, ordered by member id. */
export interface MemberPageQuery {
  /** Exclusive lower bound: the last member id of the previous page. */
  after?: string;
  limit: number;
}

/** One page of members; `next` is the `after` of the following page, absent on the last page. */
export interface MemberPage {
  members: MemberRef[];
  next?: string;
}

/** A group a user belongs to (RFC 7643 §4.1.2 `groups`: readOnly, direct or indirect through nested groups). */
export interface UserGroupRef {
  value: string;
  display?: string;
  type: 'direct' | 'indirect';
}

/** The read-model port. */
export interface ReadModel {
  /** Projects a batch in one transaction together with the checkpoint; events at or before the checkpoint are skipped. */
  project(events: RecordedEvent[]): Promise<void>;
  /** Position of the last projected event (of any stream), undefined before the first batch. */
  checkpoint(): Promise<Position | undefined>;
  getResource(
    tenant: string,
    resourceType: ReadModelResourceType,
    id: string,
    options: ReadOptions,
  ): Promise<StoredResource | undefined>;
  list(tenant: string, resourceType: ReadModelResourceType, query: ListQuery): Promise<ListResult>;
  listMembers(tenant: string, groupId: string, query: MemberPageQuery): Promise<MemberPage>;
  /** Drops every row and the checkpoint, so that a projector started afterwards rebuilds from the log. */
  reset(): Promise<void>;
  /**
   * Removes the bytes of deleted rows from the storage files (erasure, docs/audit.md): SQLite checkpoints and
   * truncates its WAL (deleted content is zeroed in place, secure_delete). Absent where a delete leaves no
   * readable copy in what a backup dumps (PostgreSQL).
   */
  purgeDeletedData?(): Promise<void>;
  /** An empty copy beside the live one for a rebuild without downtime; swapping it in replaces the live rows atomically. */
  openShadow?(): Promise<ShadowProjection>;
  close(): Promise<void>;
}

/** One executed SQL statement, reported to an adapter's `onStatement` hook (tests, tracing). */
export interface StatementTrace {
  sql: string;
  /** The values bound to its placeholders (plan tests EXPLAIN the exact statement). */
  params: readonly unknown[];
  /** Rows changed (writes) or returned (reads), when the driver reports it. */
  rowCount: number | undefined;
}
