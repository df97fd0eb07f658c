// xsd:dateTime as RFC 7643 §2.3.5 requires; fixed shape, so the regular expression is linear.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Parses an RFC 7643 §2.3.5 dateTime into epoch milliseconds (fractions below a millisecond are
 * cut off); a value without an offset is taken as UTC. Undefined when the text is not a dateTime.
 */
export function parseScimDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const fraction = m[7] ? m[7].slice(0, 4).padEnd(4, '0') : '';
  const zone = m[8] ? m[8].toUpperCase() : 'Z';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Normalises a dateTime to ISO-8601 UTC with milliseconds (the read model's stored form, whose lexical order is time order). */
export function normalizeScimDateTime(text: string): string | undefined {
  const ms = parseScimDateTime(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
