/** The two SQL dialects the read model supports. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * Collects bound values and hands out placeholders (`?` for SQLite, `$n` for PostgreSQL); values are
 * never written into SQL text. SQLite receives booleans as 1/0 because better-sqlite3 cannot bind them.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(
    readonly dialect: SqlDialect,
    private readonly offset = 0,
  ) {}

  /** Binds `value` and returns its placeholder. */
  add(value: string | number | boolean): string {
    this.values.push(this.dialect === 'sqlite' && typeof value === 'boolean' ? (value ? 1 : 0) : value);
    return this.dialect === 'postgres' ? `$${this.offset + this.values.length}` : '?';
  }
}

// Identifiers and JSON keys come from schema definitions (never from the filter text); they are checked
// against a strict character set anyway before they are written into SQL as quoted literals.
const SAFE_KEY = /^[A-Za-z0-9$_:.\-]+$/;

/** Quotes a schema-defined JSON key as an SQL string literal, refusing anything outside a safe character set. */
export function sqlKeyLiteral(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`Attribute name '${key}' cannot be used in SQL`);
  return `'${key}'`;
}

/** A SQLite JSON path literal (`'$."a"."b"'`) for schema-defined keys. */
export function sqliteJsonPath(keys: string[]): string {
  for (const k of keys) sqlKeyLiteral(k);
  return `'$${keys.map((k) => `."${k}"`).join('')}'`;
}
