// The read side of the audit trail: the index answers "which events", the event store "what changed".
import type { EventStore } from '@scim-hub/event-store';
import { resourceStreamId } from '@scim-hub/identity';
import type { AuditIndex, AuditListQuery, AuditPageRequest, AuditResourceKey } from '../index-model/audit-index.port';
import { auditEntries, type AuditEntry } from './audit-entry';
import { resourceAt, type PointInTime, type ResourceSnapshot } from './point-in-time';

/** A page of audit entries, oldest first. */
export interface AuditEntryPage {
  totalResults: number;
  startIndex: number;
  entries: AuditEntry[];
}

/** What a point-in-time read found: no such stream, no resource at that point, or the snapshot. */
export type PointInTimeResult = { kind: 'unknown' } | { kind: 'absent' } | { kind: 'found'; snapshot: ResourceSnapshot };

/** Queries of the audit API and CLI over an audit index and the (personal-data protected) event store. */
export class AuditReader {
  constructor(
    private readonly index: AuditIndex,
    private readonly store: EventStore,
  ) {}

  /** One resource's events with metadata and changes; totalResults 0 means an unknown resource. */
  async history(key: AuditResourceKey, page: AuditPageRequest): Promise<AuditEntryPage> {
    const found = await this.index.history(key, page);
    return { totalResults: found.totalResults, startIndex: found.startIndex, entries: await auditEntries(this.store, found.records) };
  }

  /** The resource as it was at a revision or moment, rebuilt from its stream. */
  async at(key: AuditResourceKey, at: PointInTime): Promise<PointInTimeResult> {
    const events = await this.store.readStream(resourceStreamId(key.tenant, key.resourceType, key.id), 'revision' in at ? { toRevision: at.revision } : {});
    if (events.length === 0) return { kind: 'unknown' };
    const snapshot = resourceAt(events, at);
    return snapshot ? { kind: 'found', snapshot } : { kind: 'absent' };
  }

  /** Everything one request changed, in log order. */
  async request(requestId: string): Promise<AuditEntry[]> {
    return auditEntries(this.store, await this.index.byRequest(requestId));
  }

  /** Changes over time. */
  async list(query: AuditListQuery): Promise<AuditEntryPage> {
    const found = await this.index.list(query);
    return { totalResults: found.totalResults, startIndex: found.startIndex, entries: await auditEntries(this.store, found.records) };
  }
}
