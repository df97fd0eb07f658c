import { randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';
import { KEYS_AS_THEY_ARE, wrapWithMasterKey } from './key-wrapping';

describe('key wrapping', () => {
  const key = randomBytes(32);

  describe('with a master key', () => {
    const master = wrapWithMasterKey(randomBytes(32));

    it('stores 69 bytes that do not hold the key, a fresh nonce each time, and opens them to the key', () => {
      const [one, two] = [master.wrap('acme/User/u1', key), master.wrap('acme/User/u1', key)];
      expect([one.length, two.length]).toEqual([69, 69]);
      expect(one.includes(key)).toBe(false);
      expect(one.equals(two)).toBe(false);
      expect(master.unwrap('acme/User/u1', one).equals(key)).toBe(true);
      expect(master.wraps).toBe(true);
    });

    it('does not open a wrapped key moved to another subject', () => {
      expect(() => master.unwrap('acme/User/u2', master.wrap('acme/User/u1', key))).toThrow(/acme\/User\/u2 does not authenticate/);
    });

    it('does not open a wrapped key whose bytes were changed', () => {
      const wrapped = master.wrap('acme/User/u1', key);
      wrapped[30] ^= 1;
      expect(() => master.unwrap('acme/User/u1', wrapped)).toThrow(/does not authenticate/);
    });

    it('reads a key stored before the master key was set as it is', () => {
      expect(master.unwrap('acme/User/u1', key)).toBe(key);
    });

    it("reports another master key's wrapping as a configuration error with both fingerprints", () => {
      const other = wrapWithMasterKey(randomBytes(32)).wrap('acme/User/u1', key);
      const attempt = () => master.unwrap('acme/User/u1', other);
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/HUB_MASTER_KEY is master key [0-9a-f]{16}, but the key store holds keys wrapped with [0-9a-f]{16}/);
    });

    it('takes a 32-byte master key only', () => {
      expect(() => wrapWithMasterKey(randomBytes(16))).toThrow('a master key has 32 bytes, not 16');
    });
  });

  describe('without a master key', () => {
    it('stores and reads keys as they are', () => {
      expect(KEYS_AS_THEY_ARE.wrap('acme/User/u1', key)).toBe(key);
      expect(KEYS_AS_THEY_ARE.unwrap('acme/User/u1', key)).toBe(key);
      expect(KEYS_AS_THEY_ARE.wraps).toBe(false);
    });

    it('refuses a wrapped key with a configuration error that says HUB_MASTER_KEY is not set', () => {
      const wrapped = wrapWithMasterKey(randomBytes(32)).wrap('acme/User/u1', key);
      expect(() => KEYS_AS_THEY_ARE.unwrap('acme/User/u1', wrapped)).toThrow(ConfigError);
      expect(() => KEYS_AS_THEY_ARE.unwrap('acme/User/u1', wrapped)).toThrow(/HUB_MASTER_KEY is not set, and the key store holds keys wrapped with master key [0-9a-f]{16}/);
    });
  });
});
