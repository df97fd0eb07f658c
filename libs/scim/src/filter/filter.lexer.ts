import { invalidFilter } from '../errors';

/** One token of a filter or PATCH path. `word` is any run of characters that is not space, bracket, parenthesis or quote. */
export interface Token {
  type: 'word' | 'string' | '(' | ')' | '[' | ']';
  text: string;
  /** Offset of the first character, for error messages. */
  at: number;
  /** True when whitespace precedes the token (a value path's `.sub` must follow `]` directly). */
  spaced: boolean;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isPunct = (c: string) => c === '(' || c === ')' || c === '[' || c === ']';

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads a JSON string starting at the opening quote; returns its value and the offset after the closing quote. */
function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c < ' ') throw invalidFilter(`Control character in string at ${i}`);
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw invalidFilter(`Invalid \\u escape at ${i}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (e !== undefined && ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
      i += 2;
    } else {
      throw invalidFilter(`Invalid escape at ${i}`);
    }
  }
  throw invalidFilter(`Unterminated string starting at ${start}`);
}

/** Splits filter text into tokens in one linear pass (no regular expression over the whole input). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      spaced = true;
      i++;
      continue;
    }
    if (isPunct(c)) {
      tokens.push({ type: c as Token['type'], text: c, at: i, spaced });
      i++;
    } else if (c === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ type: 'string', text: value, at: i, spaced });
      i = end;
    } else {
      const start = i;
      while (i < text.length && !isSpace(text[i]) && !isPunct(text[i]) && text[i] !== '"') i++;
      tokens.push({ type: 'word', text: text.slice(start, i), at: start, spaced });
    }
    spaced = false;
  }
  return tokens;
}
