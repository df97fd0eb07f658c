// Time-ordered UUIDs (RFC 9562 §5.7, version 7): 48 bits of Unix time in milliseconds, then 74 random bits.
// New ids sort after older ones, so a create adds its rows at the end of every index keyed by an id (the read
// model's primary key, the log's stream and event ids, the audit index) instead of in a random page of each:
// fewer pages written per create and a denser, smaller index (docs/performance-history.md, round 7). The id tells
// when the resource was made, which its `meta.created` already says.
import { pooledRandomBytes } from './random-pool';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A new version 7 UUID, lower-case hex in the 8-4-4-4-12 form; `now` is the time it carries (ms). */
export function uuidV7(now: number = Date.now()): string {
  const random = pooledRandomBytes(10);
  const high = Math.floor(now / 0x10000);
  const low = now % 0x10000;
  return (
    HEX[(high >>> 24) & 0xff] + HEX[(high >>> 16) & 0xff] + HEX[(high >>> 8) & 0xff] + HEX[high & 0xff] + '-' +
    HEX[low >>> 8] + HEX[low & 0xff] + '-' +
    // version 7 in the high nibble, 12 random bits
    HEX[0x70 | (random[0] & 0x0f)] + HEX[random[1]] + '-' +
    // variant 10 in the two high bits, 14 random bits
    HEX[0x80 | (random[2] & 0x3f)] + HEX[random[3]] + '-' +
    HEX[random[4]] + HEX[random[5]] + HEX[random[6]] + HEX[random[7]] + HEX[random[8]] + HEX[random[9]]
  );
}
