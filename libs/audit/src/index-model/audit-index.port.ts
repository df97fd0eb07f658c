// The audit index port: what the admin API and the CLI query. Adapters (SQLite, PostgreSQL) implement it
// together with CheckpointedProjection and run one contract suite (src/testing/audit-index.contract.ts).
import type { CheckpointedProjection } from '@scim-hub/event-store/projections';
import type { AuditedResourceType } from './audited-stream';
import type { AuditRecord } from './audit-record';

/** 1-based startIndex and a page size, as in SCIM list responses (RFC 7644 §3.4.2.4). */
export interface AuditPageRequest {
  startIndex: number;
  count: number;
}

/** One page of audit records, oldest first (log order). */
export interface AuditPage {
  totalResults: number;
  startIndex: number;
  records: AuditRecord[];
}

/** Filters of the "changes over time" query; every field is optional and they combine with AND. */
export interface AuditListQuery extends AuditPageRequest {
  tenant?: string;
  actor?: string;
  /** Inclusive ISO-8601 lower bound on the event time. */
  since?: string;
  /** Exclusive ISO-8601 upper bound on the event time. */
  until?: string;
  /** Resource type (`User`, `Group`) or event type (`UserCreated` …). */
  type?: string;
}

/** Identifies one resource's audit trail. */
export interface AuditResourceKey {
  tenant: string;
  resourceType: AuditedResourceType;
  id: string;
}

/** The queries of the audit index. */
export interface AuditIndex {
  /** Every event of one resource (its stream and its erasure record), oldest first. */
  history(key: AuditResourceKey, page: AuditPageRequest): Promise<AuditPage>;
  /** Every event one request caused, in log order (the X-Request-Id of a SCIM response). */
  byRequest(requestId: string): Promise<AuditRecord[]>;
  /** Changes over time, filtered, oldest first. */
  list(query: AuditListQuery): Promise<AuditPage>;
}

/** The audit index as a projection named `audit` that can also be queried and closed. */
export interface AuditProjection extends CheckpointedProjection, AuditIndex {
  close(): Promise<void>;
}

/** The name of the audit projection (its checkpoint, metrics, the projections CLI). */
export const AUDIT_PROJECTION_NAME = 'audit';
/**
 * How long the audit index waits after a batch at the head of the log before taking the next (see
 * CheckpointedProjection.lingerMs): it indexes a batch per interval instead of one per commit, and an entry shows in
 * the audit API up to this much later. Nothing answers a SCIM request from the index.
 */
export const AUDIT_LINGER_MS = 100;
