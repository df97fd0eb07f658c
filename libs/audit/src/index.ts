// Public surface of the audit lib: the audit index (a checkpointed projection named `audit`), point-in-time
// reads, and GDPR erasure by crypto-shredding. Adapters live in subpaths (`@scim-hub/audit/sqlite`,
// `/postgres`); the shared contract suite is `@scim-hub/audit/testing`. See docs/audit.md.

/** The audit index port, its query shapes and the projection name. */
export * from './index-model/audit-index.port';
/** An indexed event and how it is derived from a recorded event. */
export { auditRecordOf, type AuditRecord } from './index-model/audit-record';
/** Which streams the audit trail covers, and the erasure stream id of a user. */
export { erasureStreamId, parseAuditedStream, type AuditedResourceType, type AuditedStream } from './index-model/audited-stream';
/** Plans one batch of the audit projection (pure; both adapters use it). */
export { planAuditBatch, type AuditBatch } from './index-model/audit-batch';

/** Audit entries (metadata + change) and the reader behind the audit API and CLI. */
export { AuditReader, type AuditEntryPage, type PointInTimeResult } from './history/audit-reader';
/** An audit entry as the API shows it. */
export type { AuditEntry } from './history/audit-entry';
/** Point-in-time rebuild of a resource from its stream, and parsing of `at`. */
export { parsePointInTime, resourceAt, type PointInTime, type ResourceSnapshot } from './history/point-in-time';
/** Parsing of the audit query parameters (tenant, paging, at, list filters) into 400 invalidValue errors. */
export { listQueryOf, MAX_AUDIT_PAGE, pageOf, pointInTimeOf, tenantOf, type RawQuery } from './history/audit-query.parser';
/** Renders a snapshot in SCIM form with meta. */
export { presentSnapshot } from './history/snapshot.presenter';

/** The per-subject key store port (crypto-shredding). */
export type { SubjectKeyStore } from './erasure/subject-key-store.port';
/** How a key store keeps the keys: as they are, or wrapped with the master key (HUB_MASTER_KEY). */
export { keysAsTheyAre, MasterKeyUnavailable, SUBJECT_KEY_BYTES, wrapWithMasterKey, type KeyWrapping } from './erasure/key-wrapping';
/** The EventStore decorator that seals user events and hashes reservation stream ids. */
export { protectPersonalData, RESERVATION_SECRET_SUBJECT, type ProtectedEventStore } from './erasure/protected-event-store';
/** Which streams are sealed, hashed reservation ids, and the erased-data shape. */
export { erasedData, isErasedData, storedStreamId, subjectOfStream } from './erasure/personal-streams';
/** Sealing and opening of event data (AES-256-GCM). */
export { isSealed, openText, sealText, SEALED_FORMAT, type SealedData } from './erasure/sealed-data';
/** Erasure of one user and what it needs from the composition. */
export { eraseUser, USER_ERASED, type ErasureContext, type ErasureDependencies, type ErasureOutcome } from './erasure/user-eraser';
