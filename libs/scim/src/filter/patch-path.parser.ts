import { invalidPath, isScimError } from '../errors';
import { isAttrName, parseAttrPath } from './attr-path.parser';
import { tokenize } from './filter.lexer';
import { FilterParser, resolveLimits } from './filter.parser';
import type { PatchPath } from './filter.types';

function splitPath(text: string): { head: string; filter?: string; tail?: string } {
  const open = text.indexOf('[');
  if (open < 0) return { head: text };
  const close = text.lastIndexOf(']');
  if (close < open) throw invalidPath(`Unbalanced '[' in path`);
  return { head: text.slice(0, open), filter: text.slice(open + 1, close), tail: text.slice(close + 1) };
}

function parseValueFilter(text: string) {
  const limits = resolveLimits();
  const parser = new FilterParser(tokenize(text), limits);
  if (parser.atEnd()) throw invalidPath('Empty value filter in path');
  const filter = parser.parseExpression(true);
  if (!parser.atEnd()) parser.fail('Unexpected token in value filter');
  return filter;
}

/**
 * Parses a PATCH operation path (RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr]), e.g.
 * `name.givenName`, `members[value eq "id"]`, `emails[type eq "work"].value`, or an extension path
 * `urn:…:enterprise:2.0:User:manager`. A bare extension URN (`urn:…:enterprise:2.0:User`) parses as
 * `{ schema: 'urn:…:enterprise:2.0', name: 'User' }`; the caller may rejoin it to look up a schema.
 * Throws only ScimError `invalidPath`.
 */
export function parsePatchPath(text: string): PatchPath {
  if (typeof text !== 'string') throw invalidPath('Path must be a string');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw invalidPath('Empty path');
  if (trimmed.length > resolveLimits().maxLength) throw invalidPath('Path too long');
  const { head, filter, tail } = splitPath(trimmed);
  const attribute = parseAttrPath(head);
  if (!attribute) throw invalidPath(`Invalid attribute path '${head.slice(0, 80)}'`);
  if (filter === undefined) return { attribute };
  if (attribute.sub !== undefined) throw invalidPath('A value filter must follow a multi-valued attribute, not a sub-attribute');
  const result: PatchPath = { attribute, valueFilter: wrap(() => parseValueFilter(filter)) };
  if (tail) {
    const sub = tail.startsWith('.') ? tail.slice(1) : '';
    if (!isAttrName(sub)) throw invalidPath(`Invalid sub-attribute '${tail.slice(0, 80)}' after value filter`);
    result.subAttribute = sub;
  }
  return result;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isScimError(e)) throw invalidPath(`Invalid value filter in path: ${e.detail}`);
    throw e;
  }
}
