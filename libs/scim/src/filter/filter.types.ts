/** An attribute path: `urn:…:User:manager.value` → `{ schema: 'urn:…:User', name: 'manager', sub: 'value' }` (RFC 7644 §3.10). */
export interface AttrPath {
  schema?: string;
  name: string;
  sub?: string;
}

/** The comparison operators of RFC 7644 §3.4.2.2 (`pr` is its own node kind). */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison value (RFC 7644 §3.4.2.2 compValue); unquoted words become strings (Entra: `externalId eq jyoung`). */
export type Literal = string | number | boolean | null;

/**
 * A parsed filter. Inside a `valuePath` node the paths are relative to one element of the
 * multi-valued attribute: `{ name: '<sub-attribute>' }`.
 */
export type Filter =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: Literal }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

/** A PATCH operation path (RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]). */
export interface PatchPath {
  attribute: AttrPath;
  valueFilter?: Filter;
  subAttribute?: string;
}

/** Resource limits of the filter parser; the defaults keep any input cheap to parse. */
export interface FilterLimits {
  /** Maximum filter length in characters (longer → invalidFilter). */
  maxLength: number;
  /** Maximum nesting of parentheses, `not` and value-path brackets (deeper → invalidFilter). */
  maxDepth: number;
  /** Maximum number of attribute expressions (more → tooMany). */
  maxClauses: number;
}

/** Default limits: 4096 characters, depth 20, 100 clauses. */
export const DEFAULT_FILTER_LIMITS: FilterLimits = { maxLength: 4096, maxDepth: 20, maxClauses: 100 };

/** All comparison operators, for validation and tests. */
export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
