/**
 * `bytes` in an allocation of its own. A small Buffer from a driver can be a view of Node's shared 8 KiB pool
 * (pg parses `bytea` with `Buffer.from(hex, 'hex')`): kept for long, a 32-byte key would keep its whole slab
 * alive, and a cache of 20,000 keys about 100 MB. A Buffer that already owns its memory is returned as it is.
 */
export function ownBuffer(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
