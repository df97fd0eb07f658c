/** The audit index in a SQLite file (`audit.db`). */
export { AUDIT_DB_FILE, openSqliteAuditIndex } from './sqlite-audit-index';
/** Per-subject keys in a SQLite file (`keys.db`), and the WAL truncation erasure relies on. */
export { KEYS_DB_FILE, openSqliteSubjectKeyStore, truncateWal } from './sqlite-subject-key-store';
