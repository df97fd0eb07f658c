import type { JsonValue, ScimResource } from '../resource';
import type { ResourceSchema } from '../schema';
import { GROUP, PATCH_OP_SCHEMA, USER } from '../schema';
import type { PatchChange } from './patch-change';
import type { PatchOptions } from './patch.apply';
import cases from './patch-cases.json';

/** One row of patch-cases.json: a resource, a PATCH, and either the outcome or the expected scimType. */
export interface PatchCase {
  name: string;
  category: string;
  ref: string;
  resourceType: 'User' | 'Group';
  before: ScimResource;
  operations: JsonValue[];
  /** The message exactly as sent, when the case is about the message itself; otherwise built from `operations`. */
  body?: JsonValue;
  after?: ScimResource;
  changes?: PatchChange[];
  error?: string;
  /** applyPatch options (HUB_SCHEMA_STRICT); default lenient. */
  options?: PatchOptions;
  /** The names ignoredPatchAttributes must report; none when absent. */
  ignored?: string[];
}

/** Every case of the table. */
export const PATCH_CASES = cases as unknown as PatchCase[];

/** The resource schema a case runs against. */
export const schemaOf = (c: PatchCase): ResourceSchema => (c.resourceType === 'Group' ? GROUP : USER);

/** The PATCH body of a case. */
export const bodyOf = (c: PatchCase): JsonValue =>
  c.body !== undefined ? c.body : { schemas: [PATCH_OP_SCHEMA], Operations: c.operations };
