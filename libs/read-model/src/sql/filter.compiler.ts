import { bindFilter, type BoundFilter, type BoundLeaf, type BoundOperand, type CompareOp, type Filter, type ResourceSchema } from '@scim-hub/scim';
import { elementSource, topScalar, type ElementSource } from './filter-sources';
import { SqlParams, type SqlDialect } from './sql-params';
import type { SqlScalar } from './sql-scalar';

/** Options of compileFilter: the dialect, the resource type's schema, and (PostgreSQL) how many `$n` are already taken. */
export interface CompileFilterOptions {
  dialect: SqlDialect;
  schema: ResourceSchema;
  /** PostgreSQL placeholders start at `$paramOffset + 1` (default 0). */
  paramOffset?: number;
}

/** A parameterised SQL boolean over alias `r` (scim_resources) and its bound values. */
export interface CompiledFilter {
  sql: string;
  params: unknown[];
}

const ORDER: Partial<Record<CompareOp, string>> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

interface Context {
  dialect: SqlDialect;
  params: SqlParams;
}

// Lower-casing that matches JS toLowerCase: a registered function on SQLite, ICU full case mapping on PostgreSQL.
function lc(ctx: Context, x: string): string {
  return ctx.dialect === 'sqlite' ? `scim_lower(${x})` : `lower(${x} COLLATE "und-x-icu")`;
}

// Byte (= code point) order on both sides for gt/ge/lt/le and LIKE, the order compareCodePoints uses.
// Equality needs no collation (deterministic collations compare bytes), and adding one would hide the index.
function ordered(ctx: Context, x: string, op: CompareOp): string {
  return ctx.dialect === 'postgres' && op !== 'eq' && op !== 'ne' ? `${x} COLLATE "C"` : x;
}

function likePattern(value: string, op: CompareOp): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

function substring(ctx: Context, x: string, op: CompareOp, value: string): string {
  if (value === '') return `(${x} IS NOT NULL)`;
  if (ctx.dialect === 'postgres') return `${ordered(ctx, x, op)} LIKE ${ctx.params.add(likePattern(value, op))} ESCAPE '\\'`;
  // SQLite's LIKE ignores ASCII case, wrong for caseExact attributes; instr/substr compare exactly.
  if (op === 'co') return `instr(${x}, ${ctx.params.add(value)}) > 0`;
  const length = `length(${ctx.params.add(value)})`;
  return op === 'sw'
    ? `substr(${x}, 1, ${length}) = ${ctx.params.add(value)}`
    : `substr(${x}, -${length}) = ${ctx.params.add(value)}`;
}

function compareString(ctx: Context, x: string, lowered: boolean | undefined, op: CompareOp, operand: Extract<BoundOperand, { type: 'string' }>): string {
  const folded = !operand.caseExact && !lowered ? lc(ctx, x) : x;
  if (op === 'co' || op === 'sw' || op === 'ew') return substring(ctx, folded, op, operand.value);
  return `${ordered(ctx, folded, op)} ${ORDER[op]} ${ctx.params.add(operand.value)}`;
}

function cast(ctx: Context, placeholder: string, type: 'numeric' | 'boolean'): string {
  return ctx.dialect === 'postgres' ? `${placeholder}::${type}` : placeholder;
}

function comparison(ctx: Context, scalar: SqlScalar, x: string, op: CompareOp, operand: BoundOperand): string {
  switch (operand.type) {
    case 'string':
      return compareString(ctx, x, scalar.lowered, op, operand);
    case 'number':
      return `${x} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'numeric')}`;
    case 'boolean':
      return `${x} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'boolean')}`;
    case 'dateTime':
      // RFC 7644 §3.4.2.2: chronological. ISO-8601 UTC millisecond columns compare lexically; JSON values as epoch ms.
      return scalar.isoDateTime
        ? `${ordered(ctx, x, op)} ${ORDER[op]} ${ctx.params.add(operand.iso)}`
        : `${x} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'numeric')}`;
  }
}

// A missing value, or one of another JSON type, is NULL here. `x IS NOT NULL AND …` turns that into FALSE
// (filters use two-valued logic, so NOT stays correct) while keeping `column = ?` visible to the index.
function compareSql(ctx: Context, scalar: SqlScalar, op: CompareOp, operand: BoundOperand): string {
  const x = scalar.typed(operand.type);
  return `(${x} IS NOT NULL AND ${comparison(ctx, scalar, x, op, operand)})`;
}

function leafScalar(ctx: Context, leaf: BoundLeaf, element: ElementSource | undefined): SqlScalar {
  if (leaf.inElement) {
    if (!element) throw new Error('Element leaf outside an element scope');
    return element.scalar(leaf.sub);
  }
  return topScalar(ctx.dialect, leaf.attribute, leaf.sub);
}

function compile(ctx: Context, filter: BoundFilter, element: ElementSource | undefined): string {
  switch (filter.kind) {
    case 'const':
      return filter.value ? 'TRUE' : 'FALSE';
    case 'and':
    case 'or':
      return `(${compile(ctx, filter.left, element)} ${filter.kind.toUpperCase()} ${compile(ctx, filter.right, element)})`;
    case 'not':
      return `(NOT ${compile(ctx, filter.filter, element)})`;
    case 'present':
      return leafScalar(ctx, filter.leaf, element).present();
    case 'compare':
      return compareSql(ctx, leafScalar(ctx, filter.leaf, element), filter.op, filter.operand);
    case 'any': {
      // RFC 7644 §3.4.2.2: one matching element is enough.
      const source = elementSource(ctx.dialect, filter.attribute);
      return `${source.open}${compile(ctx, filter.filter, source)})`;
    }
  }
}

/**
 * Compiles a filter into a WHERE fragment over `scim_resources r` for SQLite or PostgreSQL, with every
 * filter value bound as a parameter. Semantics are the evaluator's (same bound form): unknown attributes
 * match nothing, caseExact from the schema, any-element matching on multi-valued attributes. Throws
 * ScimError invalidFilter for comparisons the schema forbids. SQLite connections need registerSqliteFunctions.
 */
export function compileFilter(filter: Filter, options: CompileFilterOptions): CompiledFilter {
  const ctx: Context = { dialect: options.dialect, params: new SqlParams(options.dialect, options.paramOffset ?? 0) };
  const sql = compile(ctx, bindFilter(filter, options.schema), undefined);
  return { sql, params: ctx.params.values };
}
