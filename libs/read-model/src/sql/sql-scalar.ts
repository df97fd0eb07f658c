import type { SqlDialect } from './sql-params';
import { sqliteJsonPath, sqlKeyLiteral } from './sql-params';

/** The kinds of value a comparison reads. */
export type ScalarKind = 'string' | 'number' | 'boolean' | 'dateTime';

/**
 * One scalar the compiled SQL reads. `typed(kind)` is an SQL expression that yields the value when it
 * is stored with the JSON type `kind` needs and NULL otherwise (the evaluator's "other type never
 * matches"); `present()` is a never-NULL boolean for RFC 7644 `pr`.
 */
export interface SqlScalar {
  typed(kind: ScalarKind): string;
  present(): string;
  /** Stored already lowercased with the evaluator's case folding (the `*_ci` columns). */
  lowered?: boolean;
  /** dateTime stored as ISO-8601 UTC with milliseconds, whose lexical order is time order. */
  isoDateTime?: boolean;
}

/** A typed SQL column (text, boolean or ISO dateTime text). */
export function columnScalar(column: string, kind: ScalarKind, options: { lowered?: boolean } = {}): SqlScalar {
  return {
    typed: (k) => (k === kind ? column : 'NULL'),
    present: () => (kind === 'boolean' ? `(${column} IS NOT NULL)` : `(${column} IS NOT NULL AND ${column} <> '')`),
    lowered: options.lowered,
    isoDateTime: kind === 'dateTime',
  };
}

// SQLite: json_type()/json_extract() on a document and path (both SQL expressions).
function sqliteJson(doc: string, path: string): SqlScalar {
  const type = `json_type(${doc}, ${path})`;
  const value = `json_extract(${doc}, ${path})`;
  return sqliteTyped(type, value, `json_array_length(${doc}, ${path})`);
}

function sqliteTyped(type: string, value: string, arrayLength: string): SqlScalar {
  return {
    typed: (k) => {
      if (k === 'string') return `(CASE WHEN ${type} = 'text' THEN ${value} END)`;
      if (k === 'number') return `(CASE WHEN ${type} IN ('integer', 'real') THEN ${value} END)`;
      if (k === 'boolean') return `(CASE ${type} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
      return `(CASE WHEN ${type} = 'text' THEN scim_datetime_ms(${value}) END)`;
    },
    present: () =>
      `(CASE ${type} WHEN 'text' THEN ${value} <> '' WHEN 'array' THEN ${arrayLength} > 0 ` +
      `WHEN 'object' THEN ${value} <> '{}' WHEN 'null' THEN 0 ELSE ${type} IS NOT NULL END)`,
  };
}

/** SQLite: a value inside the JSON document `doc` at the schema-defined `keys`. */
export function sqliteDocScalar(doc: string, keys: string[]): SqlScalar {
  return sqliteJson(doc, sqliteJsonPath(keys));
}

/** SQLite: a json_each() row `e` itself (an element of a simple multi-valued attribute). */
export function sqliteEachScalar(alias: string): SqlScalar {
  return sqliteTyped(`${alias}.type`, `${alias}.value`, `json_array_length(${alias}.value)`);
}

// PostgreSQL: `v` is a jsonb expression; its text is v #>> '{}'.
function pgJson(v: string): SqlScalar {
  const text = `(${v} #>> '{}')`;
  return {
    typed: (k) => {
      if (k === 'string') return `(CASE WHEN jsonb_typeof(${v}) = 'string' THEN ${text} END)`;
      if (k === 'number') return `(CASE WHEN jsonb_typeof(${v}) = 'number' THEN ${text}::numeric END)`;
      if (k === 'boolean') return `(CASE WHEN jsonb_typeof(${v}) = 'boolean' THEN ${text}::boolean END)`;
      return pgDateTimeMs(v, text);
    },
    present: () =>
      `(CASE jsonb_typeof(${v}) WHEN 'string' THEN ${text} <> '' WHEN 'array' THEN jsonb_array_length(${v}) > 0 ` +
      `WHEN 'object' THEN ${v} <> '{}'::jsonb WHEN 'number' THEN TRUE WHEN 'boolean' THEN TRUE ELSE FALSE END)`,
  };
}

// RFC 7643 §2.3.5 dateTime → epoch ms, cut to milliseconds like the evaluator; no offset means UTC.
// The regular expression guards the cast so that a malformed stored value compares as "no match".
const PG_DATE_TIME = `'^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})?$'`;

function pgDateTimeMs(v: string, text: string): string {
  const zoned = `(CASE WHEN ${text} ~ '([Zz]|[+-]\\d{2}:\\d{2})$' THEN ${text} ELSE ${text} || 'Z' END)`;
  return (
    `(CASE WHEN jsonb_typeof(${v}) = 'string' AND ${text} ~ ${PG_DATE_TIME} ` +
    `THEN floor(extract(epoch FROM ${zoned}::timestamptz) * 1000) END)`
  );
}

/** PostgreSQL: a value inside the jsonb document `doc` at the schema-defined `keys`. */
export function pgDocScalar(doc: string, keys: string[]): SqlScalar {
  return pgJson(`(${doc}${keys.map((k) => ` -> ${sqlKeyLiteral(k)}`).join('')})`);
}

/** PostgreSQL: a jsonb element value `v` of jsonb_array_elements(). */
export function pgElementScalar(v: string): SqlScalar {
  return pgJson(v);
}

/** A value inside a JSON document for either dialect. */
export function docScalar(dialect: SqlDialect, doc: string, keys: string[]): SqlScalar {
  return dialect === 'sqlite' ? sqliteDocScalar(doc, keys) : pgDocScalar(doc, keys);
}
