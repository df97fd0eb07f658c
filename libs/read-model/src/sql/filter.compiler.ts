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

type EqualityValue = string | number | boolean;

/** An `eq` comparison taken apart: `guard IS NOT NULL AND lhs = value`, its value not yet bound. */
interface Equality {
  guard: string;
  lhs: string;
  value: EqualityValue;
  cast?: 'numeric' | 'boolean';
}

function equality(ctx: Context, scalar: SqlScalar, operand: BoundOperand): Equality {
  const guard = scalar.typed(operand.type);
  switch (operand.type) {
    case 'string':
      return { guard, lhs: !operand.caseExact && !scalar.lowered ? lc(ctx, guard) : guard, value: operand.value };
    case 'number':
      return { guard, lhs: guard, value: operand.value, cast: 'numeric' };
    case 'boolean':
      return { guard, lhs: guard, value: operand.value, cast: 'boolean' };
    case 'dateTime':
      return scalar.isoDateTime ? { guard, lhs: guard, value: operand.iso } : { guard, lhs: guard, value: operand.value, cast: 'numeric' };
  }
}

// Binds the values as the SQL is written (SQLite placeholders are positional): `lhs = ?` for one value,
// `lhs IN (?, …)` for several, which SQLite and PostgreSQL answer with one index lookup per value.
function equalitySql(ctx: Context, eq: Equality, values: EqualityValue[]): string {
  const bound = values.map((value) => (eq.cast ? cast(ctx, ctx.params.add(value), eq.cast) : ctx.params.add(value)));
  const test = bound.length === 1 ? `= ${bound[0]}` : `IN (${bound.join(', ')})`;
  return `(${eq.guard} IS NOT NULL AND ${eq.lhs} ${test})`;
}

// A missing value, or one of another JSON type, is NULL here. `x IS NOT NULL AND …` turns that into FALSE
// (filters use two-valued logic, so NOT stays correct) while keeping `column = ?` visible to the index.
function compareSql(ctx: Context, scalar: SqlScalar, op: CompareOp, operand: BoundOperand): string {
  if (op === 'eq') {
    const eq = equality(ctx, scalar, operand);
    return equalitySql(ctx, eq, [eq.value]);
  }
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
      return `(${compile(ctx, filter.left, element)} AND ${compile(ctx, filter.right, element)})`;
    case 'or':
      return compileOr(ctx, filter, element);
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

function orTerms(filter: BoundFilter): BoundFilter[] {
  return filter.kind === 'or' ? [...orTerms(filter.left), ...orTerms(filter.right)] : [filter];
}

// `userName eq "a" or userName eq "b" or …` (Entra sends these) becomes `user_name_ci IN (…)`: equalities on one
// expression are gathered into one IN, duplicates dropped, so each value is an index lookup where the column has
// an index, instead of an OR the planner may answer by scanning the tenant. The other terms stay as written.
// Same truth values: every term is two-valued (see compareSql), and OR is associative and commutative.
function compileOr(ctx: Context, filter: BoundFilter, element: ElementSource | undefined): string {
  const items: (BoundFilter | { eq: Equality; values: EqualityValue[] })[] = [];
  const byLhs = new Map<string, { eq: Equality; values: EqualityValue[] }>();
  for (const term of orTerms(filter)) {
    if (term.kind !== 'compare' || term.op !== 'eq') {
      items.push(term);
      continue;
    }
    const eq = equality(ctx, leafScalar(ctx, term.leaf, element), term.operand);
    const key = JSON.stringify([eq.guard, eq.lhs, eq.cast]);
    const group = byLhs.get(key);
    if (!group) {
      const created = { eq, values: [eq.value] };
      byLhs.set(key, created);
      items.push(created);
    } else if (!group.values.includes(eq.value)) group.values.push(eq.value);
  }
  const sql = items.map((item) => ('eq' in item ? equalitySql(ctx, item.eq, item.values) : compile(ctx, item, element)));
  return sql.length === 1 ? sql[0] : `(${sql.join(' OR ')})`;
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
