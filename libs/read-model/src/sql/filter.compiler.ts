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

// Byte (= code point) order on both sides, the order the evaluator's compareCodePoints uses.
function ordered(ctx: Context, x: string): string {
  return ctx.dialect === 'postgres' ? `${x} COLLATE "C"` : x;
}

function likePattern(value: string, op: CompareOp): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

function substring(ctx: Context, x: string, op: CompareOp, value: string): string {
  if (value === '') return `(${x} IS NOT NULL)`;
  if (ctx.dialect === 'postgres') return `${ordered(ctx, x)} LIKE ${ctx.params.add(likePattern(value, op))} ESCAPE '\\'`;
  // SQLite's LIKE ignores ASCII case, wrong for caseExact attributes; instr/substr compare exactly.
  if (op === 'co') return `instr(${x}, ${ctx.params.add(value)}) > 0`;
  const length = `length(${ctx.params.add(value)})`;
  return op === 'sw'
    ? `substr(${x}, 1, ${length}) = ${ctx.params.add(value)}`
    : `substr(${x}, -${length}) = ${ctx.params.add(value)}`;
}

function compareString(ctx: Context, scalar: SqlScalar, op: CompareOp, operand: Extract<BoundOperand, { type: 'string' }>): string {
  let x = scalar.typed('string');
  if (!operand.caseExact && !scalar.lowered) x = lc(ctx, x);
  if (op === 'co' || op === 'sw' || op === 'ew') return substring(ctx, x, op, operand.value);
  return `${ordered(ctx, x)} ${ORDER[op]} ${ctx.params.add(operand.value)}`;
}

function cast(ctx: Context, placeholder: string, type: 'numeric' | 'boolean'): string {
  return ctx.dialect === 'postgres' ? `${placeholder}::${type}` : placeholder;
}

function compareSql(ctx: Context, scalar: SqlScalar, op: CompareOp, operand: BoundOperand): string {
  let sql: string;
  switch (operand.type) {
    case 'string':
      sql = compareString(ctx, scalar, op, operand);
      break;
    case 'number':
      sql = `${scalar.typed('number')} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'numeric')}`;
      break;
    case 'boolean':
      sql = `${scalar.typed('boolean')} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'boolean')}`;
      break;
    case 'dateTime':
      // RFC 7644 §3.4.2.2: chronological. ISO-8601 UTC millisecond columns compare lexically; JSON values as epoch ms.
      sql = scalar.isoDateTime
        ? `${ordered(ctx, scalar.typed('dateTime'))} ${ORDER[op]} ${ctx.params.add(operand.iso)}`
        : `${scalar.typed('dateTime')} ${ORDER[op]} ${cast(ctx, ctx.params.add(operand.value), 'numeric')}`;
      break;
  }
  // A missing value or one of another type gives NULL; filters use two-valued logic, so NULL is false.
  return `COALESCE(${sql}, FALSE)`;
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
