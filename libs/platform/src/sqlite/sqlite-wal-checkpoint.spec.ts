import Database from 'better-sqlite3';
import { SQLITE_WAL_AUTOCHECKPOINT_PAGES, setSqliteWalAutocheckpoint } from './sqlite-wal-checkpoint';

describe('setSqliteWalAutocheckpoint', () => {
  it('replaces SQLite\'s default of 1,000 WAL pages between checkpoints', () => {
    const db = new Database(':memory:');
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
      setSqliteWalAutocheckpoint(db);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_WAL_AUTOCHECKPOINT_PAGES);
    } finally {
      db.close();
    }
  });
});
