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
    const pieces = piecesOf(sql);
    if (pieces.length - 1 !== params.length) throw new Error(`expected ${pieces.length - 1} parameters, got ${params.length}`);
    const taken = this.params.length;
    for (const param of params) this.params.push(param);
    if (this.dialect === 'sqlite' || params.length === 0) {
      this.parts.push(sql);
      return this;
    }
    let text = pieces[0];
    for (let i = 1; i < pieces.length; i++) text += `$${taken + i}${pieces[i]}`;
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
}

// The same few texts are added on every request: each is split at its placeholders once (bounded, as texts built
// from a filter's shape are many).
const PIECES = new Map<string, string[]>();
const MAX_PIECES = 1_000;

function piecesOf(sql: string): string[] {
  let pieces = PIECES.get(sql);
  if (pieces === undefined) {
    pieces = sql.split('?');
    if (PIECES.size >= MAX_PIECES) PIECES.clear();
    PIECES.set(sql, pieces);
  }
  return pieces;
}
