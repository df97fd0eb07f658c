/** Applies `attributes` / `excludedAttributes` to a resource (RFC 7644 §3.4.2.5, RFC 7643 §7 `returned`). */
export { selectAttributes, isAttributeSelected, needsMembers } from './attribute.selector';
/** Splits a comma-separated `attributes` / `excludedAttributes` query value into paths. */
export { parseAttributeList } from './attribute-list.parser';
/** The per-attribute decision behind `selectAttributes`, for callers that project data themselves. */
export { planSelection } from './selection.plan';
/** The selection types: raw input and the per-attribute plan. */
export type { SelectionInput, SelectionPlan, SubPredicate } from './selection.plan';
/** Resolves one attribute path (plain, dotted, URN-qualified or a whole schema URN) against a resource type. */
export { resolveAttributePath } from './attribute-selection';
/** A resolved attribute path. */
export type { ResolvedPath } from './attribute-selection';
