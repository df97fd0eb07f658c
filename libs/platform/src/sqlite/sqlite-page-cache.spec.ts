import Database from 'better-sqlite3';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from './sqlite-page-cache';

describe('setSqlitePageCache', () => {
  it.each(Object.entries(SQLITE_PAGE_CACHE_KIB))('sets a %s connection to %i KiB (not pages)', (_, kib) => {
    const db = new Database(':memory:');
    try {
      const built = db.pragma('cache_size', { simple: true });
      setSqlitePageCache(db, kib);
      expect(db.pragma('cache_size', { simple: true })).toBe(-kib);
      expect(built).toBe(-16_000); // better-sqlite3's build default, which the sizes replace
    } finally {
      db.close();
    }
  });
});
