import { uuidV7 } from './uuid-v7';

const FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// The 48-bit big-endian millisecond time of RFC 9562 §5.7, read back from an id.
function timeOf(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

describe('uuidV7', () => {
  it.each([
    ['the epoch', 0, '00000000-0000'],
    ['one millisecond', 1, '00000000-0001'],
    ['RFC 9562 appendix A.6 (2022-02-22T19:22:22Z)', 0x017f22e279b0, '017f22e2-79b0'],
    ['2026-11-28', Date.parse('2026-11-28T05:00:00Z'), undefined],
    ['the largest 48-bit time', 2 ** 48 - 1, 'ffffffff-ffff'],
  ])('carries %s as its first 48 bits', (_name, now, prefix) => {
    const id = uuidV7(now);
    expect(id).toMatch(FORM);
    expect(timeOf(id)).toBe(now);
    if (prefix) expect(id.startsWith(prefix)).toBe(true);
  });

  it('is version 7, variant 10, and random after the time', () => {
    const ids = Array.from({ length: 5000 }, () => uuidV7(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(FORM);
    expect(new Set(ids).size).toBe(ids.length);
    // Every hex digit of the random tail shows up: the pool is really random, not a counter or zeros.
    const tailDigits = new Set(ids.flatMap((id) => [...id.slice(24)]));
    expect(tailDigits.size).toBe(16);
  });

  it('sorts later ids after earlier ones as text (what an index keyed by it sees)', () => {
    const times = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_065_536, 1_800_000_000_000];
    const ids = times.map((time) => uuidV7(time));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  it('uses the clock by default', () => {
    const before = Date.now();
    const id = uuidV7();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(Date.now());
  });

  it('keeps drawing fresh ids across refills of its random pool', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => uuidV7(0)));
    expect(ids.size).toBe(2000);
  });
});
