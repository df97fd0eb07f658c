import { invalidFilter, tooMany } from '../errors';
import { parseAttrPath, isAttrName } from './attr-path.parser';
import { unquotedLiteral } from './filter-literal';
import { tokenize, type Token } from './filter.lexer';
import { COMPARE_OPS, DEFAULT_FILTER_LIMITS, type AttrPath, type CompareOp, type Filter, type FilterLimits, type Literal } from './filter.types';

/**
 * Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar. Precedence not > and > or;
 * `and`/`or` chains are parsed in loops, and only parentheses, `not (…)` and `[…]` recurse, each
 * bounded by `maxDepth`, so any input is parsed in linear time without deep recursion.
 */
export class FilterParser {
  private pos = 0;
  private depth = 0;
  private clauses = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly limits: FilterLimits,
  ) {}

  /** Parses a whole FILTER (or, with `inValue`, a valFilter) and requires `end` to follow. */
  parseExpression(inValue: boolean): Filter {
    let left = this.parseAnd(inValue);
    while (this.isKeyword('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd(inValue) };
    }
    return left;
  }

  /** True when every token has been consumed. */
  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** The current token (undefined at the end). */
  peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** Fails with invalidFilter naming the current token. */
  fail(what: string): never {
    const t = this.peek();
    throw invalidFilter(t ? `${what} at position ${t.at} ('${t.text.slice(0, 40)}')` : `${what} at end of filter`);
  }

  private parseAnd(inValue: boolean): Filter {
    let left = this.parseUnary(inValue);
    while (this.isKeyword('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.parseUnary(inValue) };
    }
    return left;
  }

  private parseUnary(inValue: boolean): Filter {
    const t = this.peek();
    if (t?.type === 'word' && t.text.toLowerCase() === 'not' && this.tokens[this.pos + 1]?.type === '(') {
      this.pos++;
      return { kind: 'not', filter: this.parseGroup(inValue) };
    }
    if (t?.type === '(') return this.parseGroup(inValue);
    return this.parseAttrExpression(inValue);
  }

  private parseGroup(inValue: boolean): Filter {
    this.expect('(');
    this.enter();
    const inner = this.parseExpression(inValue);
    this.expect(')');
    this.depth--;
    return inner;
  }

  private parseAttrExpression(inValue: boolean): Filter {
    const t = this.peek();
    if (t?.type !== 'word') this.fail('Expected an attribute path');
    const path = parseAttrPath(t.text);
    if (!path) this.fail('Invalid attribute path');
    this.pos++;
    if (this.peek()?.type === '[') return this.parseValuePath(path, inValue);
    return this.parseOperator(path);
  }

  // RFC 7644 §3.4.2.2 valuePath = attrPath "[" valFilter "]"; a following ".sub op value" compares
  // that sub-attribute of the same matching element (Entra: `emails[type eq "work"].value eq "…"`, docs/entra-compatibility.md §16).
  private parseValuePath(path: AttrPath, inValue: boolean): Filter {
    if (inValue) this.fail('A value path cannot be nested in a value filter');
    if (path.sub !== undefined) this.fail('A value path must name a multi-valued attribute, not a sub-attribute');
    this.expect('[');
    this.enter();
    const filter = this.parseExpression(true);
    this.expect(']');
    this.depth--;
    const next = this.peek();
    if (next?.type === 'word' && !next.spaced && next.text.startsWith('.')) {
      const sub = next.text.slice(1);
      if (!isAttrName(sub)) this.fail('Invalid sub-attribute after value path');
      this.pos++;
      return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: this.parseOperator({ name: sub }) } };
    }
    return { kind: 'valuePath', path, filter };
  }

  private parseOperator(path: AttrPath): Filter {
    const t = this.peek();
    if (t?.type !== 'word') this.fail('Expected an operator');
    const op = t.text.toLowerCase();
    this.pos++;
    this.countClause();
    if (op === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      this.pos--;
      this.fail('Unknown operator');
    }
    return { kind: 'compare', path, op: op as CompareOp, value: this.parseValue() };
  }

  private parseValue(): Literal {
    const t = this.peek();
    if (t?.type === 'string') {
      this.pos++;
      return t.text;
    }
    if (t?.type === 'word') {
      this.pos++;
      return unquotedLiteral(t.text);
    }
    return this.fail('Expected a comparison value');
  }

  private isKeyword(word: 'and' | 'or'): boolean {
    const t = this.peek();
    return t?.type === 'word' && t.text.toLowerCase() === word;
  }

  private expect(type: Token['type']): void {
    if (this.peek()?.type !== type) this.fail(`Expected '${type}'`);
    this.pos++;
  }

  private enter(): void {
    if (++this.depth > this.limits.maxDepth) throw invalidFilter(`Filter nesting deeper than ${this.limits.maxDepth}`);
  }

  private countClause(): void {
    if (++this.clauses > this.limits.maxClauses) throw tooMany(`Filter has more than ${this.limits.maxClauses} expressions`);
  }
}

/** Merges caller limits over the defaults. */
export function resolveLimits(limits?: Partial<FilterLimits>): FilterLimits {
  return { ...DEFAULT_FILTER_LIMITS, ...limits };
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into an AST. Throws only ScimError `invalidFilter`
 * (syntax, too long, too deep) or `tooMany` (too many expressions).
 */
export function parseFilter(text: string, limits?: Partial<FilterLimits>): Filter {
  const l = resolveLimits(limits);
  if (typeof text !== 'string') throw invalidFilter('Filter must be a string');
  if (text.length > l.maxLength) throw invalidFilter(`Filter longer than ${l.maxLength} characters`);
  const parser = new FilterParser(tokenize(text), l);
  if (parser.atEnd()) throw invalidFilter('Empty filter');
  const filter = parser.parseExpression(false);
  if (!parser.atEnd()) parser.fail('Unexpected token');
  return filter;
}
