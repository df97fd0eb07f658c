// SQLite keeps a page cache per connection. better-sqlite3 builds SQLite with 16 MiB as the default, and the
// embedded hub holds one connection per file (events, read model, audit index, keys, tokens, outbound state):
// left alone, the caches fill to about 80 MiB of the process's memory within 100,000 writes, most of it pages
// the operating system's file cache holds anyway. Each file gets the cache its reads need instead
// (docs/operations.md "Memory").

/** Page cache sizes in KiB, by what a file is read for. */
export const SQLITE_PAGE_CACHE_KIB = {
  /** The read model answers every SCIM query: its tables and indexes are read at random, all the time. */
  readModel: 16_384,
  /** The event log: appends touch the ends of its indexes; a write reads one stream's newest events. */
  eventLog: 4_096,
  /** Files written far more than read (audit index, keys behind their in-memory cache, tokens, delivery state). */
  small: 1_024,
} as const;

/** Sets a connection's page cache to `kib` KiB (SQLite's negative `cache_size` means KiB, not pages). */
export function setSqlitePageCache(db: { pragma(source: string): unknown }, kib: number): void {
  db.pragma(`cache_size = -${kib}`);
}
