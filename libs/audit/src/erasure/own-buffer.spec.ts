import { ownBuffer } from './own-buffer';

describe('ownBuffer', () => {
  it('copies a view of the shared pool into an allocation of its own, with the same bytes', () => {
    const pooled = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length); // what pg hands over for a bytea key

    const own = ownBuffer(pooled);

    expect(own.buffer.byteLength).toBe(32);
    expect(own.byteOffset).toBe(0);
    expect(own.equals(pooled)).toBe(true);
    own[0] = 0xff;
    expect(pooled[0]).toBe(0x00); // a copy, not the same memory
  });

  it('returns a buffer that already owns its memory as it is', () => {
    const own = Buffer.allocUnsafeSlow(32).fill(7);
    expect(ownBuffer(own)).toBe(own);
  });
});
