import { invalidSyntax } from '../errors';

/** The ETag of a stream revision: `W/"<revision>"` (docs/architecture.md; RFC 7644 §3.14 uses weak tags). */
export function formatEtag(revision: number): string {
  return `W/"${revision}"`;
}

/** The revision an ETag names, or undefined when it is not one of ours (`W/"3"` → 3, `"3"` → 3, `W/"abc"` → undefined). */
export function parseEtag(tag: string): number | undefined {
  const m = /^(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))$/.exec(tag.trim());
  return m ? Number(m[1] ?? m[2]) : undefined;
}

const malformed = (header: string) => invalidSyntax(`Malformed entity-tag list: ${JSON.stringify(header)}`);

/** Reads one entity-tag starting at `i` (after whitespace); returns the tag text and the index after it. */
function readTag(header: string, i: number): { tag: string; end: number } {
  let j = header.startsWith('W/', i) ? i + 2 : i;
  if (header[j] === '"') {
    const close = header.indexOf('"', j + 1);
    if (close < 0) throw malformed(header);
    j = close + 1;
  } else {
    // A bare token (`3`) is not RFC 7232 syntax, but some clients send it; tolerate it.
    while (j < header.length && !/[\s,"]/.test(header[j])) j++;
  }
  if (j === i) throw malformed(header);
  return { tag: header.slice(i, j), end: j };
}

/**
 * Parses an If-Match / If-None-Match header (RFC 7232 §3.1–3.2: "*" or a comma-separated list of entity-tags) into
 * the revisions it names, or '*'. Weak and strong forms compare equal: SCIM sends If-Match with W/ tags
 * (RFC 7644 §3.14), so weak comparison is the only useful one. Tags that are not ours (`"abc"`) can never match and
 * are left out. Empty or malformed text → invalidSyntax.
 */
export function parseEtagList(header: string): number[] | '*' {
  if (header.trim() === '*') return '*';
  if (header.trim() === '') throw malformed(header);
  const revisions: number[] = [];
  let i = 0;
  while (i < header.length) {
    while (i < header.length && /[\s,]/.test(header[i])) i++; // RFC 7230 §7: empty list elements are allowed
    if (i >= header.length) break;
    const { tag, end } = readTag(header, i);
    const revision = parseEtag(tag);
    if (revision !== undefined) revisions.push(revision);
    i = end;
    while (i < header.length && /\s/.test(header[i])) i++;
    if (i < header.length && header[i] !== ',') throw malformed(header);
  }
  return revisions;
}

/** True when a parsed If-Match / If-None-Match list names `revision` ('*' names any existing revision). */
export function etagListMatches(list: number[] | '*', revision: number): boolean {
  return list === '*' || list.includes(revision);
}
