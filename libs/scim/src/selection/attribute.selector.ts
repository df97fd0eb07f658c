import { commonAttributes, GROUP, type AttributeDefinition, type ResourceSchema, type SchemaDefinition } from '../schema';
import type { JsonObject, JsonValue, ScimResource } from '../resource';
import { resolveAttributePath } from './attribute-selection';
import { planSelection, type SelectionInput, type SelectionPlan, type SubPredicate } from './selection.plan';

const lower = (s: string) => s.toLowerCase();
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Lookup {
  core: Map<string, AttributeDefinition>;
  extensions: Map<string, { schema: SchemaDefinition; attributes: Map<string, AttributeDefinition> }>;
}

const byLowerName = (attributes: readonly AttributeDefinition[]) => new Map(attributes.map((a) => [lower(a.name), a] as const));

const lookups = new WeakMap<ResourceSchema, Lookup>();

function lookupFor(rs: ResourceSchema): Lookup {
  let l = lookups.get(rs);
  if (!l) {
    const core = byLowerName([...commonAttributes, ...rs.core.attributes]);
    l = { core, extensions: new Map(rs.extensions.map((e) => [lower(e.id), { schema: e, attributes: byLowerName(e.attributes) }] as const)) };
    lookups.set(rs, l);
  }
  return l;
}

function projectObject(def: AttributeDefinition, value: JsonValue, subs: SubPredicate): JsonValue | undefined {
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const sub of def.subAttributes ?? []) {
    if (value[sub.name] !== undefined && subs(sub)) out[sub.name] = value[sub.name];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Keeps the selected sub-attributes of a complex value; elements left empty are dropped. */
function project(def: AttributeDefinition, value: JsonValue, subs: SubPredicate): JsonValue | undefined {
  if (def.type !== 'complex') return value;
  if (!Array.isArray(value)) return projectObject(def, value, subs);
  const items: JsonValue[] = [];
  for (const item of value) {
    const v = projectObject(def, item, subs);
    if (v !== undefined) items.push(v);
  }
  // An empty members list stays visible: Entra expects `"members": []` (docs/entra-compatibility.md §32).
  return items.length > 0 || value.length === 0 ? items : undefined;
}

function selectAttributesOf(defs: (name: string) => AttributeDefinition | undefined, source: JsonObject,
  plan: SelectionPlan, container: string, schemaId: string): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(source)) {
    const def = defs(lower(key));
    const subs = def && plan.subsFor(def, container, schemaId);
    if (!def || !subs) continue;
    const v = project(def, source[key], subs);
    if (v !== undefined) out[def.name] = v;
  }
  return out;
}

/**
 * Returns the resource as the client asked for it (RFC 7644 §3.4.2.5, RFC 7643 §7 `returned`): `schemas` and `id`
 * always, `password` never, "request" attributes only when named, sub-attribute and URN-qualified paths honoured.
 * Unknown names are ignored. `schemas` lists the core schema and the extensions left in the result.
 * Attributes marked "request" are not added to POST/PUT/PATCH responses; the hub has none in its schemas.
 */
export function selectAttributes(resource: ScimResource, rs: ResourceSchema, selection: SelectionInput = {}): ScimResource {
  const plan = planSelection(rs, selection);
  const lookup = lookupFor(rs);
  const out: JsonObject = {};
  for (const key of Object.keys(resource)) {
    const ext = lookup.extensions.get(lower(key));
    const value = resource[key];
    if (!ext || !isObject(value)) continue;
    const { id } = ext.schema;
    const selected = selectAttributesOf((n) => ext.attributes.get(n), value, plan, id, id);
    if (Object.keys(selected).length > 0) out[id] = selected;
  }
  const core = selectAttributesOf((n) => lookup.core.get(n), resource, plan, '', rs.core.id);
  const schemas = [rs.core.id, ...rs.extensions.filter((e) => out[e.id] !== undefined).map((e) => e.id)];
  return { schemas, ...core, ...out };
}

/** True when a selection returns (any part of) the named attribute, e.g. whether `members` must be loaded. */
export function isAttributeSelected(rs: ResourceSchema, selection: SelectionInput, path: string): boolean {
  const r = resolveAttributePath(rs, path);
  if (r?.kind !== 'attribute') return false;
  return planSelection(rs, selection).subsFor(r.attribute, r.container, r.schemaId) !== undefined;
}

/**
 * True unless the selection leaves `members` out, so the read model can skip loading members for
 * `excludedAttributes=members` — Entra reads groups that way (docs/entra-compatibility.md §22, RFC 7644 §3.4.2.2).
 */
export function needsMembers(selection: SelectionInput, rs: ResourceSchema = GROUP): boolean {
  return isAttributeSelected(rs, selection, 'members');
}
