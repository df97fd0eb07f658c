// Composes parameterised SQL from pieces written with `?` placeholders and from compiled filter fragments,
// numbering PostgreSQL placeholders ($1, $2 …) in order so that values are never interpolated.
import type { SqlDialect } from '../sql';

export type { SqlDialect };

/** A parameterised SQL text. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** Builds one statement; `?` marks a parameter in every piece added with `add`. */
export class SqlBuilder {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(readonly dialect: SqlDialect) {}

  /** Appends SQL whose `?` placeholders take `params` in order. */
  add(sql: string, ...params: unknown[]): this {
    const pieces = sql.split('?');
    if (pieces.length - 1 !== params.length) throw new Error(`expected ${pieces.length - 1} parameters, got ${params.length}`);
    let text = pieces[0];
    for (let i = 0; i < params.length; i++) {
      this.params.push(params[i]);
      text += this.placeholder() + pieces[i + 1];
    }
    this.parts.push(text);
    return this;
  }

  /** Appends a fragment compiled for this dialect, told how many PostgreSQL placeholders are already taken. */
  addFragment(compile: (paramOffset: number) => SqlQuery): this {
    const fragment = compile(this.params.length);
    this.parts.push(fragment.sql);
    this.params.push(...fragment.params);
    return this;
  }

  /** The finished statement. */
  build(): SqlQuery {
    return { sql: this.parts.join(' '), params: this.params };
  }

  private placeholder(): string {
    return this.dialect === 'postgres' ? `$${this.params.length}` : '?';
  }
}
