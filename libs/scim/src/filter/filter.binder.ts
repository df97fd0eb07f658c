import { invalidFilter } from '../errors';
import { resolveAttribute, type AttributeDefinition, type ResourceSchema } from '../schema';
import type { BoundAttribute, BoundFilter, BoundLeaf } from './bound-filter.types';
import { bindOperand } from './filter-operand';
import type { AttrPath, CompareOp, Filter, Literal } from './filter.types';

/** Where the paths of a (sub-)filter are resolved: the resource, one element of a multi-valued attribute, or a single complex attribute. */
type Scope =
  | { kind: 'resource'; schema: ResourceSchema }
  | { kind: 'element' | 'complex'; attribute: BoundAttribute; query: boolean };

const FALSE: BoundFilter = { kind: 'const', value: false };
const SUBSTRING_OR_EQ: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew'];

const findSub = (def: AttributeDefinition, name: string) =>
  def.subAttributes?.find((s) => s.name.toLowerCase() === name.toLowerCase());

// Common attributes (id, externalId, meta) may be qualified with the core schema URN too (RFC 7644 §3.10).
function resolveTop(rs: ResourceSchema, path: AttrPath): BoundAttribute | undefined {
  const found = resolveAttribute(rs, { schema: path.schema, name: path.name });
  if (found) return { def: found.attribute, schema: found.schema, inExtension: found.inExtension };
  if (path.schema?.toLowerCase() !== rs.core.id.toLowerCase()) return undefined;
  const common = resolveAttribute(rs, { name: path.name });
  return common && common.schema === undefined ? { def: common.attribute, schema: undefined, inExtension: false } : undefined;
}

// Values the read model derives instead of storing (meta.location, meta.version, member `$ref`, a User's
// readOnly `groups`) and values never returned (password, RFC 7643 §4.1.1) cannot be filtered on.
function isDerived(attribute: BoundAttribute, sub: AttributeDefinition | undefined): boolean {
  const a = attribute.def;
  return (
    a.returned === 'never' ||
    (a.multiValued && a.mutability === 'readOnly') ||
    (a.name === 'meta' && attribute.schema === undefined && (sub?.name === 'location' || sub?.name === 'version')) ||
    (a.multiValued && sub?.name === '$ref')
  );
}

function assertFilterable(attribute: BoundAttribute, sub: AttributeDefinition | undefined): void {
  if (isDerived(attribute, sub)) {
    throw invalidFilter(`Attribute '${attribute.def.name}${sub ? '.' + sub.name : ''}' cannot be used in a filter`);
  }
}

/** Binds the filter against a resource schema (see BoundFilter); throws invalidFilter for type-incompatible comparisons. */
export function bindFilter(filter: Filter, schema: ResourceSchema): BoundFilter {
  return bind(filter, { kind: 'resource', schema });
}

/** Binds a value filter whose paths are relative to one element of `parent` (PATCH value filters, RFC 7644 §3.5.2). */
export function bindElementFilter(filter: Filter, parent: AttributeDefinition): BoundFilter {
  return bind(filter, { kind: 'element', attribute: { def: parent, schema: undefined, inExtension: false }, query: false });
}

function bind(filter: Filter, scope: Scope): BoundFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { kind: filter.kind, left: bind(filter.left, scope), right: bind(filter.right, scope) };
    case 'not':
      return { kind: 'not', filter: bind(filter.filter, scope) };
    case 'valuePath':
      return bindValuePath(filter.path, filter.filter, scope);
    case 'present':
      return bindAccess(filter.path, scope, (leaf) => presentOf(leaf));
    case 'compare':
      return bindCompare(filter.path, filter.op, filter.value, scope);
  }
}

function bindValuePath(path: AttrPath, inner: Filter, scope: Scope): BoundFilter {
  if (scope.kind !== 'resource') return FALSE;
  const attribute = resolveTop(scope.schema, path);
  if (!attribute) return FALSE;
  if (attribute.def.type !== 'complex' && !attribute.def.multiValued) {
    throw invalidFilter(`Value path on simple attribute '${attribute.def.name}'`);
  }
  if (!attribute.def.multiValued) return bind(inner, { kind: 'complex', attribute, query: true });
  return { kind: 'any', attribute, filter: bind(inner, { kind: 'element', attribute, query: true }) };
}

// RFC 7643 §2.5: null, unassigned and [] are the same state, so `eq null` is "not present" and `ne null` is "present".
function bindCompare(path: AttrPath, op: CompareOp, value: Literal, scope: Scope): BoundFilter {
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`Operator '${op}' cannot compare with null`);
    const present = bind({ kind: 'present', path }, scope);
    return op === 'eq' ? { kind: 'not', filter: present } : present;
  }
  // `a ne v` is read as `not (a eq v)` (RFC 7644 §3.4.2.2 "not identical"): a resource without the attribute
  // matches, as in other SCIM servers, and on a multi-valued attribute it means "no value equals v".
  if (op === 'ne') return { kind: 'not', filter: bindCompare(path, 'eq', value, scope) };
  return bindAccess(path, scope, (leaf) => {
    const target = leaf.sub ?? leaf.attribute.def;
    if (target.type === 'complex') {
      // RFC 7644 §3.4.2.2: a complex attribute compared without a sub-attribute compares its `value`.
      const valueSub = findSub(target, 'value');
      if (!valueSub || !SUBSTRING_OR_EQ.includes(op)) {
        throw invalidFilter(`Operator '${op}' is not supported for complex attribute '${target.name}'`);
      }
      return { kind: 'compare', leaf: { ...leaf, sub: valueSub }, op, operand: bindOperand(valueSub, op, value) };
    }
    return { kind: 'compare', leaf, op, operand: bindOperand(target, op, value) };
  });
}

/** Resolves `path` in `scope` to a leaf, wraps multi-valued access in `any`, and builds the node with `make`. */
function bindAccess(path: AttrPath, scope: Scope, make: (leaf: BoundLeaf) => BoundFilter): BoundFilter {
  if (scope.kind !== 'resource') {
    if (path.schema !== undefined || path.sub !== undefined) return FALSE;
    const def = scope.attribute.def;
    const sub = findSub(def, path.name);
    // A simple multi-valued attribute's element is addressed as `value` inside brackets.
    if (!sub && !(def.type !== 'complex' && path.name.toLowerCase() === 'value')) return FALSE;
    if (scope.query) assertFilterable(scope.attribute, sub);
    return make({ attribute: scope.attribute, sub, inElement: scope.kind === 'element' });
  }
  const attribute = resolveTop(scope.schema, path);
  if (!attribute) return FALSE;
  const sub = path.sub === undefined ? undefined : findSub(attribute.def, path.sub);
  if (path.sub !== undefined && !sub) return FALSE;
  assertFilterable(attribute, sub);
  if (!attribute.def.multiValued) return make({ attribute, sub, inElement: false });
  return { kind: 'any', attribute, filter: make({ attribute, sub, inElement: true }) };
}

// `pr` on a complex value means "some sub-attribute is present"; on a scalar, "has a non-empty value".
function presentOf(leaf: BoundLeaf): BoundFilter {
  const target = leaf.sub ?? leaf.attribute.def;
  if (target.type !== 'complex' || !target.subAttributes?.length) return { kind: 'present', leaf };
  return target.subAttributes
    .filter((s) => !isDerived(leaf.attribute, s))
    .map((s): BoundFilter => ({ kind: 'present', leaf: { ...leaf, sub: s } }))
    .reduce((left, right) => ({ kind: 'or', left, right }));
}
