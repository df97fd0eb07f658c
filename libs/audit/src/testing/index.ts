/** The audit index contract suite every adapter runs. */
export { auditIndexContract, type AuditIndexHarness } from './audit-index.contract';
/** The subject key store contract suite every adapter runs. */
export { subjectKeyStoreContract } from './subject-key-store.contract';
/** The master-key cases every key store adapter runs (HUB_MASTER_KEY). */
export { keyWrappingContract, type KeyStorageForTests } from './key-wrapping.contract';
/** An in-memory key store for unit tests. */
export { MemorySubjectKeyStore } from './memory-subject-key-store';
/** Recorded events with a deterministic clock, for suites without a store. */
export { RecordedLog } from './recorded-events';
