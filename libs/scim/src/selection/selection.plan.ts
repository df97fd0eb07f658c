import type { AttributeDefinition, ResourceSchema } from '../schema';
import { parseAttributeList } from './attribute-list.parser';
import { attributeKey, resolvePaths, type ResolvedPaths } from './attribute-selection';

const lower = (s: string) => s.toLowerCase();

/** Says which sub-attributes of a selected complex attribute are returned. */
export type SubPredicate = (sub: AttributeDefinition) => boolean;

/** Decides, per attribute, whether it is returned and which of its sub-attributes are. */
export interface SelectionPlan {
  /** `undefined` = the attribute is not returned. `container` is the extension URN or '' for core/common. */
  subsFor(def: AttributeDefinition, container: string, schemaId: string): SubPredicate | undefined;
}

/** Raw or pre-split `attributes` / `excludedAttributes` values. */
export interface SelectionInput {
  attributes?: readonly string[] | string;
  excludedAttributes?: readonly string[] | string;
}

// RFC 7643 §7 `returned`: "always" and "default" go out unless the request narrows them; "request" only when named.
const byDefault: SubPredicate = (sub) => sub.returned === 'always' || sub.returned === 'default';

function attributesPlan(named: ResolvedPaths): SelectionPlan {
  return {
    subsFor(def, container, schemaId) {
      if (def.returned === 'never') return undefined;
      const sel = named.attributes.get(attributeKey(container, def));
      if (sel instanceof Set) {
        return (sub) => sub.returned === 'always' || (sub.returned !== 'never' && sel.has(lower(sub.name)));
      }
      if (sel === 'whole' || def.returned === 'always') return byDefault;
      return named.schemas.has(schemaId) && def.returned === 'default' ? byDefault : undefined;
    },
  };
}

function excludedPlan(excluded: ResolvedPaths): SelectionPlan {
  return {
    subsFor(def, container, schemaId) {
      // RFC 7644 §3.4.2.5: excludedAttributes has no effect on attributes whose `returned` is "always".
      if (def.returned === 'always') return byDefault;
      if (def.returned !== 'default' || excluded.schemas.has(schemaId)) return undefined;
      const sel = excluded.attributes.get(attributeKey(container, def));
      if (sel === 'whole') return undefined;
      if (sel instanceof Set) return (sub) => sub.returned === 'always' || (byDefault(sub) && !sel.has(lower(sub.name)));
      return byDefault;
    },
  };
}

/**
 * Builds the plan for a request (RFC 7644 §3.4.2.5). When both lists are given, `attributes` wins: it already names
 * exactly what the client wants, and RFC 7644 §3.9 does not define a combination.
 */
export function planSelection(rs: ResourceSchema, selection: SelectionInput = {}): SelectionPlan {
  const attributes = parseAttributeList(selection.attributes);
  if (attributes.length > 0) return attributesPlan(resolvePaths(rs, attributes));
  const excluded = parseAttributeList(selection.excludedAttributes);
  if (excluded.length === 0) return defaultPlanOf(rs);
  return excludedPlan(resolvePaths(rs, excluded));
}

// Most requests select nothing: their plan is built once per resource type, not per request and resource.
const defaultPlans = new WeakMap<ResourceSchema, SelectionPlan>();

function defaultPlanOf(rs: ResourceSchema): SelectionPlan {
  let plan = defaultPlans.get(rs);
  if (!plan) {
    plan = excludedPlan(resolvePaths(rs, []));
    defaultPlans.set(rs, plan);
  }
  return plan;
}
