/**
 * WAL pages between automatic checkpoints (SQLite's default: 1,000). A checkpoint runs inside the commit that
 * crosses the mark, on the event loop, and copies every page changed since the last one back into the database
 * file, then fsyncs it; the pages every write touches (the ends of the indexes, a checkpoint row) are copied once
 * per checkpoint, not once per commit, so fewer, larger checkpoints cost less CPU per write. The WAL grows to
 * about this many pages (× 4 KiB) before it is reused (docs/operations.md, "SQLite checkpoints").
 */
export const SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Sets a WAL-mode connection's automatic checkpoint to SQLITE_WAL_AUTOCHECKPOINT_PAGES. */
export function setSqliteWalAutocheckpoint(db: { pragma(source: string): unknown }): void {
  db.pragma(`wal_autocheckpoint = ${SQLITE_WAL_AUTOCHECKPOINT_PAGES}`);
}
