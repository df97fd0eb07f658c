import type { Literal } from './filter.types';

// RFC 8259 §6 number grammar; linear (no nested quantifiers).
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Interprets an unquoted comparison value (RFC 7644 §3.4.2.2 compValue): `true`/`false`/`null`
 * (ABNF literals are case-insensitive, RFC 5234 §2.3), a JSON number, and otherwise a string —
 * Entra sends `externalId eq jyoung` and bare GUIDs unquoted (docs/entra-compatibility.md §17).
 */
export function unquotedLiteral(word: string): Literal {
  const lower = word.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (JSON_NUMBER.test(word)) {
    const n = Number(word);
    if (Number.isFinite(n)) return n;
  }
  return word;
}
