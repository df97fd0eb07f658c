// SQLite helpers shared by the adapters (`@scim-hub/platform/sqlite`); no driver import.

/** Page cache sizes per kind of file, and the pragma that sets one. */
export { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from './sqlite-page-cache';
