/** Lower-cases for caseExact=false comparisons (RFC 7643 §2.2); the SQL side uses the same mapping (JS / ICU full case mapping). */
export function scimLower(s: string): string {
  return s.toLowerCase();
}

/**
 * Orders two strings by Unicode code point — the order of UTF-8 bytes, which is what SQLite's BINARY
 * collation and PostgreSQL's "C" collation use — so gt/lt agree in memory and in SQL.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
