// SQLite helpers shared by the adapters (`@scim-hub/platform/sqlite`); no driver import.

/** Page cache sizes per kind of file, and the pragma that sets one. */
export { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from './sqlite-page-cache';
/** Fewer, larger WAL checkpoints for the files written on every request (log, read model, audit index). */
export { SQLITE_WAL_AUTOCHECKPOINT_PAGES, setSqliteWalAutocheckpoint } from './sqlite-wal-checkpoint';
