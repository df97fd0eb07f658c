import { invalidValue } from '../errors';
import { attribute, type AttributeDefinition, type AttributeType } from '../schema';

const TYPES: readonly AttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'];
const MUTABILITY = ['readOnly', 'readWrite', 'immutable', 'writeOnly'] as const;
const RETURNED = ['always', 'never', 'default', 'request'] as const;
const UNIQUENESS = ['none', 'server', 'global'] as const;
const KEYS = new Set(['name', 'type', 'multiValued', 'description', 'required', 'caseExact', 'mutability', 'returned',
  'uniqueness', 'canonicalValues', 'referenceTypes', 'subAttributes']);
// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA.
const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const RESERVED = new Set(['constructor', 'prototype', 'schemas']);

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Refuses properties outside `allowed`, so a typo (`multivalued`) is reported instead of silently ignored. */
export function checkKeys(raw: Raw, allowed: ReadonlySet<string>, path: string): void {
  const unknown = Object.keys(raw).find((k) => !allowed.has(k));
  if (unknown !== undefined) {
    throw invalidValue(`${path}: unknown property '${unknown}' (expected one of ${[...allowed].join(', ')})`);
  }
}

function oneOf<T extends string>(raw: Raw, key: string, values: readonly T[], fallback: T, path: string): T {
  const v = raw[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !values.includes(v as T)) {
    throw invalidValue(`${path}.${key} must be one of ${values.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as T;
}

function flag(raw: Raw, key: string, path: string): boolean {
  const v = raw[key] ?? false;
  if (typeof v !== 'boolean') throw invalidValue(`${path}.${key} must be true or false; got ${JSON.stringify(v)}`);
  return v;
}

function strings(raw: Raw, key: string, path: string): string[] | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
    throw invalidValue(`${path}.${key} must be an array of non-empty strings`);
  }
  return v as string[];
}

function attributeName(raw: Raw, path: string): string {
  const name = raw.name;
  if (typeof name !== 'string' || !ATTRNAME.test(name) || RESERVED.has(name.toLowerCase())) {
    throw invalidValue(`${path}.name must be a letter followed by letters, digits, '-' or '_' (RFC 7643 §2.1); got ${JSON.stringify(name)}`);
  }
  return name;
}

function subAttributes(raw: Raw, type: AttributeType, path: string, depth: number): AttributeDefinition[] | undefined {
  if (type !== 'complex') {
    if (raw.subAttributes !== undefined) throw invalidValue(`${path}.subAttributes is only allowed on complex attributes`);
    return undefined;
  }
  // RFC 7643 §2.3.8: a complex attribute MUST NOT contain sub-attributes that have sub-attributes.
  if (depth > 0) throw invalidValue(`${path}: a sub-attribute cannot be complex (RFC 7643 §2.3.8)`);
  return parseAttributeDeclarations(raw.subAttributes, `${path}.subAttributes`, depth + 1);
}

/** Parses one declared attribute into a full definition, RFC 7643 §2.2 defaults filled in. */
export function parseCustomAttribute(raw: unknown, path: string, depth = 0): AttributeDefinition {
  if (!isObject(raw)) throw invalidValue(`${path} must be an object`);
  checkKeys(raw, KEYS, path);
  const name = attributeName(raw, path);
  if (raw.type === undefined) throw invalidValue(`${path}.type is required (one of ${TYPES.join(', ')})`);
  const type = oneOf(raw, 'type', TYPES, 'string', path);
  const description = raw.description ?? name;
  if (typeof description !== 'string') throw invalidValue(`${path}.description must be a string`);
  const def = attribute(name, type, {
    multiValued: flag(raw, 'multiValued', path),
    description,
    required: flag(raw, 'required', path),
    caseExact: flag(raw, 'caseExact', path),
    mutability: oneOf(raw, 'mutability', MUTABILITY, 'readWrite', path),
    returned: oneOf(raw, 'returned', RETURNED, 'default', path),
    uniqueness: oneOf(raw, 'uniqueness', UNIQUENESS, 'none', path),
  });
  const canonicalValues = strings(raw, 'canonicalValues', path);
  if (canonicalValues) def.canonicalValues = canonicalValues;
  const referenceTypes = strings(raw, 'referenceTypes', path);
  if (referenceTypes && type !== 'reference') throw invalidValue(`${path}.referenceTypes is only allowed on reference attributes`);
  if (type === 'reference') def.referenceTypes = referenceTypes ?? ['external'];
  const subs = subAttributes(raw, type, path, depth);
  if (subs) def.subAttributes = subs;
  return def;
}

/** Parses a non-empty list of attribute declarations whose names are unique ignoring case (RFC 7643 §2.1). */
export function parseAttributeDeclarations(raw: unknown, path: string, depth = 0): AttributeDefinition[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalidValue(`${path} must be a non-empty array of attributes`);
  const defs = raw.map((a, i) => parseCustomAttribute(a, `${path}[${i}]`, depth));
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    if (seen.has(d.name.toLowerCase())) throw invalidValue(`${path}[${i}].name '${d.name}' is declared twice`);
    seen.add(d.name.toLowerCase());
  });
  return defs;
}
