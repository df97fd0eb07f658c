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

    it('asked for a fresh subject that has a key all the same (a retried create), hands out the stored key', async () => {
      const stored = await keys.keyFor('acme/User/u1');
      const fresh = await keys.keyFor('acme/User/u1', true);
      expect(fresh.equals(stored)).toBe(true);
      const [one, again] = await Promise.all([keys.keyFor('acme/User/new', true), keys.keyFor('acme/User/new', true)]);
      expect(one).toHaveLength(32);
      expect(again.equals(one)).toBe(true);
      expect((await keys.find(['acme/User/new'])).get('acme/User/new')?.equals(one)).toBe(true);
    });

    it('gives every concurrent caller of one subject the same key, and each subject its own, all stored', async () => {
      const subjects = Array.from({ length: 40 }, (_, i) => `acme/User/c${i}`);
      const asked = [...subjects, ...subjects].map((subject) => keys.keyFor(subject)); // each asked twice at once
      const answers = await Promise.all(asked);
      for (let i = 0; i < subjects.length; i++) expect(answers[i].equals(answers[i + subjects.length])).toBe(true);
      expect(new Set(answers.map((key) => key.toString('hex'))).size).toBe(subjects.length);
      const found = await keys.find(subjects);
      expect(subjects.every((subject, i) => found.get(subject)?.equals(answers[i]))).toBe(true);
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
