// The master-key contract of a key store: every adapter (SQLite, PostgreSQL) runs these cases on storage it can
// open more than once, as a process restart would.
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';
import { wrapWithMasterKey, type KeyWrapping } from '../erasure/key-wrapping';
import type { SubjectKeyStore } from '../erasure/subject-key-store.port';

/** One adapter's storage, opened as often as a case needs. */
export interface KeyStorageForTests {
  /** Opens the store on this storage; without `wrapping`, keys are stored as they are. */
  open(wrapping?: KeyWrapping): Promise<SubjectKeyStore>;
  /** The stored bytes of every subject's key, read around the store. */
  rows(): Promise<Map<string, Buffer>>;
  dispose(): Promise<void>;
}

/** Registers the master-key cases for one adapter. */
export function keyWrappingContract(name: string, storage: () => Promise<KeyStorageForTests>): void {
  describe(`key store with a master key: ${name}`, () => {
    let store: KeyStorageForTests;
    const master = wrapWithMasterKey(randomBytes(32));
    beforeEach(async () => {
      store = await storage();
    });
    afterEach(() => store.dispose());

    const holdsAnyOf = (rows: Map<string, Buffer>, keys: Buffer[]) => [...rows.values()].some((row) => keys.some((key) => row.includes(key)));

    it('stores every key wrapped, and hands out the same keys after a restart', async () => {
      const keys = await store.open(master);
      const [k1, k2] = [await keys.keyFor('acme/User/u1', true), await keys.keyFor('acme/User/u2')];
      await keys.close();
      const rows = await store.rows();
      expect([...rows.values()].map((row) => row.length)).toEqual([69, 69]);
      expect(holdsAnyOf(rows, [k1, k2])).toBe(false);
      const again = await store.open(master);
      const found = await again.find(['acme/User/u1', 'acme/User/u2']);
      expect([found.get('acme/User/u1')?.equals(k1), found.get('acme/User/u2')?.equals(k2)]).toEqual([true, true]);
      expect((await again.keyFor('acme/User/u1')).equals(k1)).toBe(true);
      await again.close();
    });

    it('wraps the keys stored before the master key was set, when it opens with one', async () => {
      const plain = await store.open();
      const k1 = await plain.keyFor('acme/User/u1');
      await plain.close();
      expect((await store.rows()).get('acme/User/u1')?.equals(k1)).toBe(true);
      const keys = await store.open(master);
      expect(holdsAnyOf(await store.rows(), [k1])).toBe(false);
      expect((await keys.find(['acme/User/u1'])).get('acme/User/u1')?.equals(k1)).toBe(true);
      expect(await keys.destroy('acme/User/u1')).toBe(true);
      await keys.close();
    });

    it('refuses to open without the master key, or with another one, naming HUB_MASTER_KEY', async () => {
      const keys = await store.open(master);
      await keys.keyFor('acme/User/u1');
      await keys.close();
      await expect(store.open()).rejects.toThrow(ConfigError);
      await expect(store.open()).rejects.toThrow(/HUB_MASTER_KEY is not set/);
      await expect(store.open(wrapWithMasterKey(randomBytes(32)))).rejects.toThrow(/HUB_MASTER_KEY is master key [0-9a-f]{16}, but the key store holds keys wrapped with [0-9a-f]{16}/);
      const still = await store.open(master);
      expect((await still.find(['acme/User/u1'])).size).toBe(1);
      await still.close();
    });
  });
}
