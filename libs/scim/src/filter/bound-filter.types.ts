import type { AttributeDefinition } from '../schema';
import type { CompareOp } from './filter.types';

/** A top-level attribute of a resource type, with where it is stored (extension attributes live under their URN key). */
export interface BoundAttribute {
  def: AttributeDefinition;
  /** URN of the declaring schema; undefined for common attributes (id, externalId, meta). */
  schema: string | undefined;
  inExtension: boolean;
}

/**
 * One scalar a filter reads: `attribute` alone (a simple attribute), `attribute.sub` (a sub-attribute
 * of a complex attribute), or — with `inElement` — the sub-attribute (or the whole element, when
 * `sub` is absent) of one element of the multi-valued `attribute` inside an `any` node.
 */
export interface BoundLeaf {
  attribute: BoundAttribute;
  sub?: AttributeDefinition;
  inElement: boolean;
}

/** A comparison value coerced to the attribute's type; strings are pre-lowered when caseExact is false. */
export type BoundOperand =
  | { type: 'string'; value: string; caseExact: boolean }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'dateTime'; value: number; iso: string };

/**
 * A filter resolved against a resource schema: every path is a known scalar, every multi-valued access
 * is an explicit `any`, unknown attributes are `const false`. Evaluator and SQL compiler both run this
 * form, so they agree by construction on names, case rules and types.
 */
export type BoundFilter =
  | { kind: 'const'; value: boolean }
  | { kind: 'compare'; leaf: BoundLeaf; op: CompareOp; operand: BoundOperand }
  | { kind: 'present'; leaf: BoundLeaf }
  | { kind: 'and' | 'or'; left: BoundFilter; right: BoundFilter }
  | { kind: 'not'; filter: BoundFilter }
  | { kind: 'any'; attribute: BoundAttribute; filter: BoundFilter };
