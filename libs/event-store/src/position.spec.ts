import fc from 'fast-check';
import { comparePositions, maxPosition, positionFromString, positionIn, positionToString, storedPosition } from './position';

const position = fc.record({ commit: fc.bigInt(0n, 2n ** 63n - 1n), prepare: fc.bigInt(0n, 2n ** 63n - 1n) });

describe('positions', () => {
  it('orders by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBeLessThan(0);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBeGreaterThan(0);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 1n })).toBe(0);
  });

  it('compares antisymmetrically and consistently with string round-trips', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        expect(Math.sign(comparePositions(a, b))).toBe(-Math.sign(comparePositions(b, a)));
        expect(positionFromString(positionToString(a))).toEqual(a);
      }),
    );
  });

  it('serializes as commit:prepare and rejects anything else', () => {
    expect(positionToString({ commit: 12n, prepare: 7n })).toBe('12:7');
    for (const bad of ['', '12', '12:', ':7', '-1:2', '1:2:3', '1.5:2', ' 1:2']) {
      expect(() => positionFromString(bad)).toThrow(RangeError);
      expect(positionIn(bad)).toBeUndefined();
    }
    expect(positionIn('12:7')).toEqual({ commit: 12n, prepare: 7n });
    expect(storedPosition('12:7')).toEqual({ commit: 12n, prepare: 7n });
    expect(storedPosition(null)).toBeUndefined();
    expect(storedPosition(undefined)).toBeUndefined();
    expect(() => storedPosition('12:')).toThrow(RangeError);
  });

  it('picks the later of two positions, treating undefined as the beginning', () => {
    const a = { commit: 3n, prepare: 3n };
    const b = { commit: 3n, prepare: 4n };
    expect(maxPosition(a, b)).toBe(b);
    expect(maxPosition(b, a)).toBe(b);
    expect(maxPosition(undefined, a)).toBe(a);
    expect(maxPosition(a, undefined)).toBe(a);
    expect(maxPosition(undefined, undefined)).toBeUndefined();
  });
});
