// The key store contract: every adapter (SQLite, PostgreSQL) runs these cases.
import type { SubjectKeyStore } from '../erasure/subject-key-store.port';

/** Registers the key store contract for one adapter. */
export function subjectKeyStoreContract(name: string, open: () => Promise<{ keys: SubjectKeyStore; dispose(): Promise<void> }>): void {
  describe(`subject key store contract: ${name}`, () => {
    let keys: SubjectKeyStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ keys, dispose } = await open());
    });
    afterEach(() => dispose());

    it('creates a 32-byte key once and returns the same key afterwards', async () => {
      const first = await keys.keyFor('acme/User/u1');
      expect(first).toHaveLength(32);
      expect((await keys.keyFor('acme/User/u1')).equals(first)).toBe(true);
      expect((await keys.keyFor('acme/User/u2')).equals(first)).toBe(false);
    });

    it('finds existing keys only, and forgets a destroyed one for good', async () => {
      const k1 = await keys.keyFor('acme/User/u1');
      await keys.keyFor('acme/User/u2');
      expect([...(await keys.find(['acme/User/u1', 'acme/User/none'])).entries()]).toEqual([['acme/User/u1', k1]]);
      expect(await keys.destroy('acme/User/u1')).toBe(true);
      expect(await keys.destroy('acme/User/u1')).toBe(false);
      await keys.purge();
      expect((await keys.find(['acme/User/u1', 'acme/User/u2'])).has('acme/User/u1')).toBe(false);
      expect((await keys.find(['acme/User/u2'])).size).toBe(1);
    });
  });
}
