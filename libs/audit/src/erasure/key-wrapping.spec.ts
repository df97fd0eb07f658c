import { randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';
import { toErrorResponse } from '@scim-hub/platform/http';
import { isInForm, keysAsTheyAre, MasterKeyUnavailable, rewrapRows, wrapWithMasterKey } from './key-wrapping';

const FINGERPRINT = /[0-9a-f]{16}/.source;

describe('key wrapping', () => {
  const key = randomBytes(32);
  const [oldMaster, newMaster] = [randomBytes(32), randomBytes(32)];

  describe('with a master key', () => {
    const master = wrapWithMasterKey(newMaster);

    it('stores 69 bytes in its own form that do not hold the key, a fresh nonce each time, and opens them to the key', () => {
      const [one, two] = [master.wrap('acme/User/u1', key), master.wrap('acme/User/u1', key)];
      expect([one.length, two.length]).toEqual([69, 69]);
      expect(isInForm(one, master.form)).toBe(true);
      expect(one.includes(key)).toBe(false);
      expect(one.equals(two)).toBe(false);
      expect(master.unwrap('acme/User/u1', one).equals(key)).toBe(true);
    });

    it('does not open a wrapped key moved to another subject, nor one whose bytes were changed', () => {
      const wrapped = master.wrap('acme/User/u1', key);
      expect(() => master.unwrap('acme/User/u2', wrapped)).toThrow(/acme\/User\/u2 does not authenticate/);
      wrapped[30] ^= 1;
      expect(() => master.unwrap('acme/User/u1', wrapped)).toThrow(/acme\/User\/u1 does not authenticate/);
    });

    it('reads a key stored before the master key was set as it is, and counts it out of its form', () => {
      expect(master.unwrap('acme/User/u1', key)).toBe(key);
      expect(isInForm(key, master.form)).toBe(false);
    });

    it("opens a previous master key's wrapping (a rotation), which is out of its form", () => {
      const rotating = wrapWithMasterKey(newMaster, [oldMaster]);
      const wrappedBefore = wrapWithMasterKey(oldMaster).wrap('acme/User/u1', key);
      expect(rotating.unwrap('acme/User/u1', wrappedBefore).equals(key)).toBe(true);
      expect(isInForm(wrappedBefore, rotating.form)).toBe(false);
    });

    it("does not open another master key's wrapping: MasterKeyUnavailable (a 503 while running) with both fingerprints", () => {
      const other = wrapWithMasterKey(oldMaster).wrap('acme/User/u1', key);
      const attempt = () => master.unwrap('acme/User/u1', other);
      expect(attempt).toThrow(MasterKeyUnavailable);
      expect(attempt).toThrow(new RegExp(`HUB_MASTER_KEY is master key ${FINGERPRINT}, but the key store holds keys wrapped with master key ${FINGERPRINT}`));
      const answer = toErrorResponse(new MasterKeyUnavailable('x'), { requestId: 'r1', method: 'GET', path: '/scim/v2/Users/u1' });
      expect([answer.status, answer.headers?.['retry-after']]).toEqual([503, expect.any(String)]);
    });

    it('takes 32-byte master keys only', () => {
      expect(() => wrapWithMasterKey(randomBytes(16))).toThrow('a master key has 32 bytes, not 16');
      expect(() => wrapWithMasterKey(newMaster, [randomBytes(31)])).toThrow('a master key has 32 bytes, not 31');
    });
  });

  describe('without a master key', () => {
    it('stores and reads keys as they are', () => {
      const plain = keysAsTheyAre();
      expect(plain.wrap('acme/User/u1', key)).toBe(key);
      expect(plain.unwrap('acme/User/u1', key)).toBe(key);
      expect(isInForm(key, plain.form)).toBe(true);
    });

    it('refuses a wrapped key, saying HUB_MASTER_KEY is not set', () => {
      const wrapped = wrapWithMasterKey(oldMaster).wrap('acme/User/u1', key);
      expect(() => keysAsTheyAre().unwrap('acme/User/u1', wrapped)).toThrow(
        new RegExp(`HUB_MASTER_KEY is not set, but the key store holds keys wrapped with master key ${FINGERPRINT}`),
      );
    });

    it('opens what a previous master key wrapped (turning the master key off)', () => {
      const wrapped = wrapWithMasterKey(oldMaster).wrap('acme/User/u1', key);
      const off = keysAsTheyAre([oldMaster]);
      expect(off.unwrap('acme/User/u1', wrapped).equals(key)).toBe(true);
      expect(isInForm(wrapped, off.form)).toBe(false);
    });
  });

  describe('rewrapRows', () => {
    it('rewrites the rows out of form into it and leaves the others', () => {
      const rotating = wrapWithMasterKey(newMaster, [oldMaster]);
      const current = rotating.wrap('acme/User/u3', key);
      const rows = [
        { subject: 'acme/User/u1', key },
        { subject: 'acme/User/u2', key: wrapWithMasterKey(oldMaster).wrap('acme/User/u2', key) },
        { subject: 'acme/User/u3', key: current },
      ];
      const rewritten = rewrapRows(rows, rotating);
      expect(rewritten.map((row) => row.subject)).toEqual(['acme/User/u1', 'acme/User/u2']);
      expect(rewritten.map((row) => row.stored)).toEqual([rows[0].key, rows[1].key]);
      for (const row of rewritten) {
        expect(isInForm(row.rewrapped, rotating.form)).toBe(true);
        expect(wrapWithMasterKey(newMaster).unwrap(row.subject, row.rewrapped).equals(key)).toBe(true);
      }
    });

    it('turns a row no given master key opens into a ConfigError naming HUB_MASTER_KEY', () => {
      const rows = [{ subject: 'acme/User/u1', key: wrapWithMasterKey(oldMaster).wrap('acme/User/u1', key) }];
      expect(() => rewrapRows(rows, wrapWithMasterKey(newMaster))).toThrow(ConfigError);
      expect(() => rewrapRows(rows, keysAsTheyAre())).toThrow(/HUB_MASTER_KEY is not set/);
    });
  });
});
