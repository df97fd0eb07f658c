// Per-subject keys in their own SQLite file. secure_delete overwrites a destroyed key's bytes in the page,
// and purge() checkpoints the WAL and truncates it, so no copy stays in the file, its free pages or the WAL.
import Database from 'better-sqlite3';
import { WalSyncer } from '@scim-hub/event-store/sqlite';
import { randomBytes } from 'node:crypto';
import { KeyBatches } from '../erasure/key-batches';
import { keysAsTheyAre, rewrapRows, SUBJECT_KEY_BYTES, type KeyWrapping, type StoredKeyRow } from '../erasure/key-wrapping';
import type { SubjectKeyStore } from '../erasure/subject-key-store.port';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from '@scim-hub/platform/sqlite';

/** File name of the key store under HUB_DATA_DIR. */
export const KEYS_DB_FILE = 'keys.db';

/** Opens (creating when missing) the SQLite key store at `file`; `wrapping` with HUB_MASTER_KEY wraps the keys. */
export function openSqliteSubjectKeyStore(file: string, wrapping: KeyWrapping = keysAsTheyAre()): SubjectKeyStore {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // A key must be on disk before events sealed with it are (a lost key is lost data). Commits write the WAL
    // without fsync (NORMAL); keyFor then fsyncs it from the thread pool, as the event store does, so a new
    // user's key costs no event-loop time and concurrent creates share one fsync (KeyBatches).
    db.pragma('synchronous = NORMAL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    setSqlitePageCache(db, SQLITE_PAGE_CACHE_KIB.small);
    db.exec('CREATE TABLE IF NOT EXISTS subject_keys (subject TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL)');
    settleWrapping(db, wrapping);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteSubjectKeyStore(db, new WalSyncer(file), wrapping);
}

/**
 * Rewrites, in one transaction, every key not stored in the form `wrapping` writes: keys stored as they are when a
 * master key is set, keys wrapped by a previous master key when it changes or is removed. The WAL that held the old
 * form is then checkpointed and truncated (secure_delete zeroes the old cells). A key no given master key opens
 * stops the process here, at start, not at some user's first read.
 */
function settleWrapping(db: Database.Database, wrapping: KeyWrapping): void {
  const { length, prefix } = wrapping.form;
  const stale = db.prepare('SELECT subject, key FROM subject_keys WHERE NOT (length(key) = ? AND substr(key, 1, ?) = ?)').all(length, prefix.length, prefix) as StoredKeyRow[];
  const rows = rewrapRows(stale, wrapping);
  if (rows.length === 0) return;
  const update = db.prepare('UPDATE subject_keys SET key = ? WHERE subject = ? AND key = ?');
  db.transaction(() => rows.forEach((row) => update.run(row.rewrapped, row.subject, row.stored)))();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

class SqliteSubjectKeyStore implements SubjectKeyStore {
  // Prepared once: every new user's first write asks for its key.
  private readonly statements: {
    select: Database.Statement;
    insert: Database.Statement;
    remove: Database.Statement;
  };
  private readonly insertAll: Database.Transaction<(subjects: string[], createdAt: string) => Map<string, Buffer>>;
  // Group commit, as the event store appends: one transaction and one fsync for the keys asked for meanwhile.
  private readonly batches = new KeyBatches((subjects) => this.createKeys(subjects));

  constructor(
    private readonly db: Database.Database,
    private readonly wal: WalSyncer,
    private readonly wrapping: KeyWrapping,
  ) {
    this.statements = {
      select: db.prepare('SELECT key FROM subject_keys WHERE subject = ?'),
      insert: db.prepare('INSERT INTO subject_keys (subject, key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      remove: db.prepare('DELETE FROM subject_keys WHERE subject = ?'),
    };
    // The keys this transaction inserted; a subject that had one already is read back by createKeys.
    this.insertAll = db.transaction((subjects: string[], createdAt: string) => {
      const inserted = new Map<string, Buffer>();
      for (const subject of subjects) {
        const key = randomBytes(SUBJECT_KEY_BYTES);
        if (this.statements.insert.run(subject, wrapping.wrap(subject, key), createdAt).changes > 0) inserted.set(subject, key);
      }
      return inserted;
    });
  }

  async keyFor(subject: string, fresh = false): Promise<Buffer> {
    // A fresh subject has no key to look for. A batch's rows are visible before its fsync: a key on its way to disk
    // is handed out only once it is there.
    if (fresh || this.batches.isPending(subject)) return this.batches.request(subject);
    const existing = this.statements.select.get(subject) as { key: Buffer } | undefined;
    return existing ? this.wrapping.unwrap(subject, existing.key) : this.batches.request(subject);
  }

  // Another process may create a key first: whichever key won is the one handed out.
  private async createKeys(subjects: string[]): Promise<Map<string, Buffer>> {
    const keys = this.insertAll.immediate(subjects, new Date().toISOString());
    await this.wal.sync();
    const existing = subjects.filter((subject) => !keys.has(subject));
    if (existing.length > 0) for (const [subject, key] of await this.find(existing)) keys.set(subject, key);
    return keys;
  }

  async find(subjects: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const subject of subjects) {
      const row = this.statements.select.get(subject) as { key: Buffer } | undefined;
      if (row) found.set(subject, this.wrapping.unwrap(subject, row.key));
    }
    return found;
  }

  async destroy(subject: string): Promise<boolean> {
    return this.statements.remove.run(subject).changes > 0;
  }

  async purge(): Promise<void> {
    await truncateWal(this.db);
  }

  async close(): Promise<void> {
    await this.wal.close();
    if (this.db.open) this.db.close();
  }
}

const PURGE_ATTEMPTS = 50;

/**
 * Checkpoints every WAL frame into the database and truncates the WAL to zero bytes. Another connection
 * reading an older snapshot makes the checkpoint report busy; it is retried until it completes.
 */
export async function truncateWal(db: Database.Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result.busy === 0) return;
    if (attempt >= PURGE_ATTEMPTS) throw new Error(`WAL checkpoint of ${db.name} stayed busy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
