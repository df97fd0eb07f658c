// Names for PostgreSQL prepared statements: a connection parses and plans a named statement once, then only binds it.
import { createHash } from 'node:crypto';

const NAMES = new Map<string, string>();

/**
 * The prepared-statement name of `sql`: a hash of the text, worked out once per text. Every connection keeps each
 * statement it prepared until it closes, so name only texts from a fixed set (tables and a few variants), never
 * texts that vary per call.
 */
export function preparedName(sql: string): string {
  let name = NAMES.get(sql);
  if (name === undefined) NAMES.set(sql, (name = 'ps_' + createHash('sha1').update(sql).digest('hex').slice(0, 24)));
  return name;
}
