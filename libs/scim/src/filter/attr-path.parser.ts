import type { AttrPath } from './filter.types';

// RFC 7644 §3.10: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA.
// A leading "$" is allowed too because RFC 7643 names the `$ref` sub-attribute so.
const ATTRNAME = /^[A-Za-z$][A-Za-z0-9_-]*$/;
// A URN prefix (RFC 8141 NSS characters, loosely): no spaces, brackets or quotes reach here anyway.
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]*:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+$/i;

/** True when `name` is a valid attribute name. */
export function isAttrName(name: string): boolean {
  return ATTRNAME.test(name);
}

/**
 * Parses `[URI ":"] ATTRNAME ["." ATTRNAME]` (RFC 7644 §3.10); returns undefined when malformed.
 * The URN ends at the last colon: `urn:…:enterprise:2.0:User:manager.value` → schema `urn:…:enterprise:2.0:User`.
 */
export function parseAttrPath(text: string): AttrPath | undefined {
  let schema: string | undefined;
  let rest = text;
  if (text.length > 4 && text.slice(0, 4).toLowerCase() === 'urn:') {
    const colon = text.lastIndexOf(':');
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URN.test(schema)) return undefined;
  }
  const dot = rest.indexOf('.');
  const name = dot < 0 ? rest : rest.slice(0, dot);
  const sub = dot < 0 ? undefined : rest.slice(dot + 1);
  if (!isAttrName(name) || (sub !== undefined && !isAttrName(sub))) return undefined;
  const path: AttrPath = { name };
  if (schema !== undefined) path.schema = schema;
  if (sub !== undefined) path.sub = sub;
  return path;
}

/** Formats an attribute path back into its text form (for messages and tests). */
export function formatAttrPath(path: AttrPath): string {
  return `${path.schema ? path.schema + ':' : ''}${path.name}${path.sub ? '.' + path.sub : ''}`;
}
