/**
 * Splits the `attributes` / `excludedAttributes` query value (RFC 7644 §3.4.2.5: comma-separated attribute names)
 * into trimmed, non-empty paths. Accepts a repeated query parameter (string[]) too.
 */
export function parseAttributeList(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const parts = typeof value === 'string' ? [value] : value;
  return parts.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
}
