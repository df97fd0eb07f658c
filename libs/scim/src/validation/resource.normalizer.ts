import { invalidSyntax } from '../errors';
import { commonAttributes, type AttributeDefinition, type ResourceSchema } from '../schema';
import type { JsonObject, ScimResource } from '../resource';
import { normalizeAttributeValue, type KeyedEntry } from './attribute-value.normalizer';
import { guardStructure, isPlainObject } from './input-guard';
import { resolveNormalizeOptions, type NormalizeOptions, type ResolvedNormalizeOptions } from './normalize-options';
import { indexResourceInput } from './resource-input.index';
import { canonicalizeMembers, checkMultiValued, checkRequired, checkRequiredExtensions } from './resource-rules';
import { checkSchemasMember } from './schemas-member.check';
import { unknownAttribute } from './unknown-attribute';

const lower = (s: string) => s.toLowerCase();

/**
 * Normalises the attributes of one schema. Output keys come only from the schema's definitions, in the schema's
 * spelling and order, so no input key is ever used as a property name. Input names the schema does not define are
 * ignored and recorded (RFC 7644 §3.3 lets a server ignore them; Entra may send attributes mapped by an admin that
 * we do not model, and a job whose requests keep failing is quarantined by Entra), or refused with
 * `strictSchema`. readOnly attributes (id, meta, groups) are ignored (RFC 7643 §2.2).
 */
function normalizeAttributes(
  defs: AttributeDefinition[],
  entries: Map<string, KeyedEntry>,
  prefix: string,
  opts: ResolvedNormalizeOptions,
): JsonObject {
  const out: JsonObject = {};
  for (const def of defs) {
    if (def.mutability === 'readOnly') continue;
    const entry = entries.get(lower(def.name));
    if (entry === undefined) continue;
    const value = normalizeAttributeValue(def, entry.value, prefix + def.name, opts);
    if (value !== undefined) out[def.name] = value;
  }
  const known = new Set(defs.map((d) => lower(d.name)));
  // An extension object may repeat its own `schemas` (clients echo it); that is not an attribute.
  for (const [name, entry] of entries) {
    if (!known.has(name) && name !== 'schemas') unknownAttribute(opts, prefix + entry.key, entry.value);
  }
  checkMultiValued(defs, out, prefix);
  return out;
}

/**
 * Turns a POST/PUT body into the canonical resource every other part of the hub uses (RFC 7643 §2–§4): attribute
 * names in schema spelling, extension attributes under their URN key, no null / empty values, booleans coerced from
 * Entra's "True"/"False" strings, `schemas` = core + the extensions actually present, `id`/`meta` dropped.
 * Throws ScimError invalidSyntax / invalidValue with a detail naming the attribute.
 */
export function normalizeResource(input: unknown, rs: ResourceSchema, options?: NormalizeOptions): ScimResource {
  return normalizeResourceWithReport(input, rs, options).resource;
}

/** `normalizeResource`, also naming the attributes it ignored because the schema does not define them. */
export function normalizeResourceWithReport(
  input: unknown,
  rs: ResourceSchema,
  options?: NormalizeOptions,
): { resource: ScimResource; ignoredAttributes: string[] } {
  const opts = resolveNormalizeOptions(options);
  const resource = normalizeWith(input, rs, opts);
  return { resource, ignoredAttributes: [...opts.ignored] };
}

function normalizeWith(input: unknown, rs: ResourceSchema, opts: ResolvedNormalizeOptions): ScimResource {
  if (!isPlainObject(input)) throw invalidSyntax(`The request body must be a JSON object describing a ${rs.resourceType.name}`);
  guardStructure(input, opts.maxDepth);
  const index = indexResourceInput(input, rs);
  checkSchemasMember(index.schemas, rs);

  const core = normalizeAttributes([...commonAttributes, ...rs.core.attributes], index.core, '', opts);
  checkRequired(rs.core, core, '');
  canonicalizeMembers(rs, core);

  const schemas = [rs.core.id];
  const extensions: JsonObject = {};
  for (const ext of rs.extensions) {
    const entries = index.extensions.get(ext.id);
    if (!entries) continue;
    const values = normalizeAttributes(ext.attributes, entries, `${ext.id}:`, opts);
    if (Object.keys(values).length === 0) continue;
    checkRequired(ext, values, `${ext.id}:`);
    extensions[ext.id] = values;
    schemas.push(ext.id);
  }
  checkRequiredExtensions(rs, new Set(schemas));
  return { schemas, ...core, ...extensions };
}
