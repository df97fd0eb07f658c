// The master-key contract of a key store: every adapter (SQLite, PostgreSQL) runs these cases on storage it can
// open more than once, as a process restart would.
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';
import { keysAsTheyAre, wrapWithMasterKey, type KeyWrapping } from '../erasure/key-wrapping';
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
    const [masterKey, nextMasterKey] = [randomBytes(32), randomBytes(32)];
    const master = wrapWithMasterKey(masterKey);
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
      const reread = await store.rows(); // keys already in the master key's form are not rewritten (a fresh nonce would show)
      expect([...rows.keys()].every((subject) => reread.get(subject)?.equals(rows.get(subject) as Buffer))).toBe(true);
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
      await expect(store.open()).rejects.toThrow(/HUB_MASTER_KEY is not set, but the key store holds keys wrapped with master key [0-9a-f]{16}/);
      await expect(store.open(wrapWithMasterKey(randomBytes(32)))).rejects.toThrow(/HUB_MASTER_KEY is master key [0-9a-f]{16}, but the key store holds keys wrapped with master key [0-9a-f]{16}/);
      const still = await store.open(master);
      expect((await still.find(['acme/User/u1'])).size).toBe(1);
      await still.close();
    });
  
    it('rotates to a new master key given the previous one, and then opens without the previous one', async () => {
      const keys = await store.open(master);
      const k1 = await keys.keyFor('acme/User/u1');
      await keys.close();
      const before = (await store.rows()).get('acme/User/u1');
      const rotated = await store.open(wrapWithMasterKey(nextMasterKey, [masterKey]));
      expect((await store.rows()).get('acme/User/u1')?.equals(before as Buffer)).toBe(false);
      await rotated.close();
      const after = await store.open(wrapWithMasterKey(nextMasterKey));
      expect((await after.find(['acme/User/u1'])).get('acme/User/u1')?.equals(k1)).toBe(true);
      await after.close();
      await expect(store.open(master)).rejects.toThrow(ConfigError);
    });

    it('turns the master key off given it as a previous one: the keys are stored as they are again', async () => {
      const keys = await store.open(master);
      const k1 = await keys.keyFor('acme/User/u1');
      await keys.close();
      const off = await store.open(keysAsTheyAre([masterKey]));
      await off.close();
      expect((await store.rows()).get('acme/User/u1')?.equals(k1)).toBe(true);
      const plain = await store.open();
      expect((await plain.find(['acme/User/u1'])).get('acme/User/u1')?.equals(k1)).toBe(true);
      await plain.close();
    });
  });
}
