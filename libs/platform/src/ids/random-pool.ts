// Random bytes drawn from node:crypto's CSPRNG 4 KiB at a time (as its own randomUUID does), instead of one call
// per use: an id or an encryption nonce takes a few bytes, and each call costs far more than the bytes.
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let used = POOL_SIZE;

/**
 * `size` fresh random bytes (at most 256), as a view into the pool: valid until the next call, so a caller that keeps
 * them copies them. No two calls share a byte.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (!Number.isInteger(size) || size < 1 || size > 256) throw new RangeError(`pooledRandomBytes: size ${size} is not 1-256`);
  if (used + size > POOL_SIZE) {
    randomFillSync(pool);
    used = 0;
  }
  const view = pool.subarray(used, used + size);
  used += size;
  return view;
}
