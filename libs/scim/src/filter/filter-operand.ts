import { invalidFilter } from '../errors';
import type { AttributeDefinition } from '../schema';
import type { BoundOperand } from './bound-filter.types';
import type { CompareOp, Literal } from './filter.types';
import { parseScimDateTime } from './scim-datetime';
import { scimLower } from './string-compare';

const SUBSTRING: readonly CompareOp[] = ['co', 'sw', 'ew'];

function stringOperand(def: AttributeDefinition, value: Exclude<Literal, null>): BoundOperand {
  // Entra sends unquoted values (docs/entra-compatibility.md §17); a number or boolean compared with a string attribute is its text.
  const text = typeof value === 'string' ? value : String(value);
  return { type: 'string', value: def.caseExact ? text : scimLower(text), caseExact: def.caseExact };
}

function booleanOperand(def: AttributeDefinition, op: CompareOp, value: Exclude<Literal, null>): BoundOperand {
  // RFC 7644 §3.4.2.2: gt/ge/lt/le on a boolean is invalidFilter; substring operators make no sense either.
  if (op !== 'eq' && op !== 'ne') throw invalidFilter(`Operator '${op}' is not supported for boolean attribute '${def.name}'`);
  if (typeof value === 'boolean') return { type: 'boolean', value };
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (lower === 'true' || lower === 'false') return { type: 'boolean', value: lower === 'true' };
  throw invalidFilter(`Attribute '${def.name}' is boolean; '${String(value)}' is not`);
}

function numberOperand(def: AttributeDefinition, op: CompareOp, value: Exclude<Literal, null>): BoundOperand {
  if (SUBSTRING.includes(op)) throw invalidFilter(`Operator '${op}' is not supported for numeric attribute '${def.name}'`);
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw invalidFilter(`Attribute '${def.name}' is numeric; '${String(value)}' is not`);
  return { type: 'number', value: n };
}

function dateTimeOperand(def: AttributeDefinition, op: CompareOp, value: Exclude<Literal, null>): BoundOperand {
  if (SUBSTRING.includes(op)) throw invalidFilter(`Operator '${op}' is not supported for dateTime attribute '${def.name}'`);
  const ms = typeof value === 'string' ? parseScimDateTime(value) : undefined;
  if (ms === undefined) throw invalidFilter(`Attribute '${def.name}' is a dateTime; '${String(value)}' is not (RFC 7643 §2.3.5)`);
  return { type: 'dateTime', value: ms, iso: new Date(ms).toISOString() };
}

/** Coerces a non-null literal to the type of the attribute it is compared with, or throws invalidFilter. */
export function bindOperand(def: AttributeDefinition, op: CompareOp, value: Exclude<Literal, null>): BoundOperand {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return stringOperand(def, value);
    case 'boolean':
      return booleanOperand(def, op, value);
    case 'integer':
    case 'decimal':
      return numberOperand(def, op, value);
    case 'dateTime':
      return dateTimeOperand(def, op, value);
    case 'complex':
      throw invalidFilter(`Complex attribute '${def.name}' needs a sub-attribute (RFC 7644 §3.4.2.2)`);
  }
}
