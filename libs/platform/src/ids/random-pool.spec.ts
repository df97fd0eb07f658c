import { pooledRandomBytes } from './random-pool';

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes on every call, across refills of the pool', () => {
    // 12-byte nonces, over several refills of the 4 KiB pool: no two are equal, and every byte value shows up.
    const nonces = Array.from({ length: 2000 }, () => Buffer.from(pooledRandomBytes(12)).toString('hex'));
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces.every((hex) => hex.length === 24)).toBe(true);
    const values = new Set(nonces.flatMap((hex) => hex.match(/../g) ?? []));
    expect(values.size).toBe(256);
  });

  it('never gives two calls the same bytes of one fill of the pool', () => {
    // 10,000 bytes, from wherever earlier calls left the 4 KiB pool: two or three refills.
    const views = Array.from({ length: 100 }, () => pooledRandomBytes(100));
    let refills = 0;
    for (let i = 1; i < views.length; i++) {
      const [a, b] = [views[i - 1], views[i]];
      expect(b.buffer).toBe(a.buffer);
      // Each view starts where the one before it ended, unless the pool was refilled and it starts over at 0.
      if (b.byteOffset === 0) refills++;
      else expect(b.byteOffset).toBe(a.byteOffset + a.length);
    }
    expect([2, 3]).toContain(refills);
  });

  it.each([0, 257, 1.5, -1])('refuses %p bytes', (size) => {
    expect(() => pooledRandomBytes(size)).toThrow(RangeError);
  });
});
