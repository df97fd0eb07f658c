import type { JsonObject, JsonValue, ScimResource } from '../resource';
import type { AttributeDefinition, ResourceSchema } from '../schema';
import type { BoundAttribute, BoundFilter, BoundLeaf, BoundOperand } from './bound-filter.types';
import { bindElementFilter, bindFilter } from './filter.binder';
import type { CompareOp, Filter } from './filter.types';
import { parseScimDateTime } from './scim-datetime';
import { compareCodePoints, scimLower } from './string-compare';

type Json = JsonValue | undefined;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7644 §3.4.2.2 `pr` (and RFC 7643 §2.5): missing, null, "", [] and {} are all "not present". */
export function isPresentValue(v: Json): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function topValue(resource: JsonObject, attribute: BoundAttribute): Json {
  if (!attribute.inExtension) return resource[attribute.def.name];
  const ext = resource[attribute.schema as string];
  return isObject(ext) ? ext[attribute.def.name] : undefined;
}

function leafValue(resource: JsonObject, element: Json, leaf: BoundLeaf): Json {
  const base = leaf.inElement ? element : topValue(resource, leaf.attribute);
  if (!leaf.sub) return base;
  return isObject(base) ? base[leaf.sub.name] : undefined;
}

function ordered(cmp: number, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    default:
      return false;
  }
}

function compareString(value: string, op: CompareOp, operand: string): boolean {
  if (op === 'co') return value.includes(operand);
  if (op === 'sw') return value.startsWith(operand);
  if (op === 'ew') return value.endsWith(operand);
  return ordered(compareCodePoints(value, operand), op);
}

/** Compares one stored scalar with a bound operand; a value of another JSON type never matches. */
export function compareValue(value: Json, op: CompareOp, operand: BoundOperand): boolean {
  switch (operand.type) {
    case 'string':
      if (typeof value !== 'string') return false;
      return compareString(operand.caseExact ? value : scimLower(value), op, operand.value);
    case 'number':
      return typeof value === 'number' && ordered(value - operand.value, op);
    case 'boolean':
      return typeof value === 'boolean' && ordered(value === operand.value ? 0 : 1, op);
    case 'dateTime': {
      // RFC 7644 §3.4.2.2: dateTime values compare chronologically.
      const ms = typeof value === 'string' ? parseScimDateTime(value) : undefined;
      return ms !== undefined && ordered(ms - operand.value, op);
    }
  }
}

function run(filter: BoundFilter, resource: JsonObject, element: Json): boolean {
  switch (filter.kind) {
    case 'const':
      return filter.value;
    case 'and':
      return run(filter.left, resource, element) && run(filter.right, resource, element);
    case 'or':
      return run(filter.left, resource, element) || run(filter.right, resource, element);
    case 'not':
      return !run(filter.filter, resource, element);
    case 'present':
      return isPresentValue(leafValue(resource, element, filter.leaf));
    case 'compare':
      return compareValue(leafValue(resource, element, filter.leaf), filter.op, filter.operand);
    case 'any': {
      // RFC 7644 §3.4.2.2: a multi-valued attribute matches when any of its values matches.
      const values = topValue(resource, filter.attribute);
      return Array.isArray(values) && values.some((v) => run(filter.filter, resource, v));
    }
  }
}

const resourceCache = new WeakMap<Filter, WeakMap<ResourceSchema, BoundFilter>>();
const elementCache = new WeakMap<Filter, WeakMap<AttributeDefinition, BoundFilter>>();

function cached<K extends object>(cache: WeakMap<Filter, WeakMap<K, BoundFilter>>, filter: Filter, key: K, make: () => BoundFilter) {
  let byKey = cache.get(filter);
  if (!byKey) cache.set(filter, (byKey = new WeakMap()));
  let bound = byKey.get(key);
  if (!bound) byKey.set(key, (bound = make()));
  return bound;
}

/** Evaluates a bound filter against a resource (use it when one filter runs over many resources). */
export function evaluateBound(filter: BoundFilter, resource: ScimResource): boolean {
  return run(filter, resource, undefined);
}

/**
 * True when the resource matches the filter (RFC 7644 §3.4.2.2), with caseExact and types from the schema.
 * Unknown attributes match nothing; throws invalidFilter for comparisons the schema forbids (e.g. `active gt true`).
 */
export function evaluateFilter(filter: Filter, resource: ScimResource, schema: ResourceSchema): boolean {
  return run(cached(resourceCache, filter, schema, () => bindFilter(filter, schema)), resource, undefined);
}

/**
 * True when one element of the multi-valued attribute `parent` matches a value filter whose paths are
 * relative to the element (`type eq "work"`, `value eq "id"`), as a PATCH path's filter is (RFC 7644 §3.5.2).
 */
export function matchesValue(filter: Filter, value: JsonValue, parent: AttributeDefinition): boolean {
  return run(cached(elementCache, filter, parent, () => bindElementFilter(filter, parent)), {}, value);
}
