import { invalidValue, isScimError } from '../errors';
import { bindFilter, type BoundAttribute, type BoundFilter } from '../filter';
import { parseAttrPath } from '../filter/attr-path.parser';
import { USER_SCHEMA, type AttributeDefinition, type ResourceSchema } from '../schema';

/** A checked sort request (RFC 7644 §3.4.2.3): the sortBy attribute path as given and the direction. */
export interface SortRequest {
  by: string;
  descending: boolean;
}

/**
 * What a sortBy path names in a resource schema: nothing known (every resource "has no data", so the default order
 * stands), a single-valued attribute or sub-attribute, or the primary-or-first value of the User's `emails`.
 */
export type SortTarget =
  | { kind: 'none' }
  | { kind: 'single'; attribute: BoundAttribute; sub?: AttributeDefinition; def: AttributeDefinition }
  | { kind: 'emails' };

const SORTABLE_TYPES = new Set(['string', 'reference', 'binary', 'dateTime', 'boolean']);

/**
 * Reads `sortBy` and `sortOrder` (RFC 7644 §3.4.2.3): sortOrder is `ascending` (the default) or `descending`, in any
 * case; without sortBy there is nothing to sort and sortOrder is ignored. Anything else → invalidValue.
 */
export function parseSort(sortBy: unknown, sortOrder: unknown): SortRequest | undefined {
  if (sortBy !== undefined && sortBy !== null && typeof sortBy !== 'string') throw invalidValue("'sortBy' must be an attribute path");
  if (sortOrder !== undefined && sortOrder !== null && typeof sortOrder !== 'string') throw invalidValue("'sortOrder' must be 'ascending' or 'descending'");
  const order = (sortOrder ?? '').trim().toLowerCase();
  if (order !== '' && order !== 'ascending' && order !== 'descending') {
    throw invalidValue(`'sortOrder' must be 'ascending' or 'descending'; got ${JSON.stringify(sortOrder)}`);
  }
  const by = (sortBy ?? '').trim();
  return by === '' ? undefined : { by, descending: order === 'descending' };
}

function single(bound: BoundFilter, by: string): SortTarget {
  if (bound.kind === 'const') return { kind: 'none' };
  // RFC 7644 §3.4.2.3: a complex attribute is sorted by a path to one of its sub-attributes.
  if (bound.kind !== 'present') throw invalidValue(`sortBy '${by}' names a complex attribute; give one of its sub-attributes`);
  const def = bound.leaf.sub ?? bound.leaf.attribute.def;
  if (!SORTABLE_TYPES.has(def.type)) throw invalidValue(`sortBy '${by}' names a ${def.type} attribute, which the service cannot sort by`);
  return { kind: 'single', attribute: bound.leaf.attribute, ...(bound.leaf.sub ? { sub: bound.leaf.sub } : {}), def };
}

/** Resolves a sortBy path against a resource schema (see SortTarget); unsupported attributes → invalidValue. */
export function bindSort(by: string, schema: ResourceSchema): SortTarget {
  const path = parseAttrPath(by);
  if (!path) throw invalidValue(`sortBy '${by}' is not an attribute path`);
  let bound: BoundFilter;
  try {
    bound = bindFilter({ kind: 'present', path }, schema);
  } catch (error) {
    throw isScimError(error) ? invalidValue(`sortBy '${by}' names an attribute the service cannot sort by`) : error;
  }
  if (bound.kind !== 'any') return single(bound, by);
  // A multi-valued attribute sorts by its primary value, else its first (RFC 7644 §3.4.2.3); the read model keeps
  // that order only for emails.
  const { attribute } = bound;
  const sub = bound.filter.kind === 'present' ? bound.filter.leaf.sub : undefined;
  if (attribute.schema === USER_SCHEMA && attribute.def.name === 'emails' && (!sub || sub.name === 'value')) return { kind: 'emails' };
  throw invalidValue(`sortBy '${by}' names a multi-valued attribute; of those the service sorts only by emails`);
}
