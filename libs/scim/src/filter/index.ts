export type { AttrPath, CompareOp, Literal, Filter, PatchPath, FilterLimits } from './filter.types';
/** Default parser limits and the list of comparison operators. */
export { DEFAULT_FILTER_LIMITS, COMPARE_OPS } from './filter.types';
/** parseFilter(text, limits?): RFC 7644 §3.4.2.2 filter → AST; throws ScimError invalidFilter / tooMany only. */
export { parseFilter } from './filter.parser';
/** parsePatchPath(text): RFC 7644 §3.5.2 PATCH path → { attribute, valueFilter?, subAttribute? }; throws ScimError invalidPath only. */
export { parsePatchPath } from './patch-path.parser';
/** parseAttrPath / formatAttrPath: one `[urn:]name[.sub]` attribute path, without filters. */
export { parseAttrPath, formatAttrPath } from './attr-path.parser';
export type { BoundAttribute, BoundLeaf, BoundOperand, BoundFilter } from './bound-filter.types';
/** bindFilter / bindElementFilter: resolve a filter against a schema (the form evaluators and SQL compilers run). */
export { bindFilter, bindElementFilter } from './filter.binder';
/** evaluateFilter / matchesValue / evaluateBound: in-memory filter evaluation; compareValue and isPresentValue are its leaf rules. */
export { evaluateFilter, matchesValue, evaluateBound, compareValue, isPresentValue } from './filter.evaluator';
/** parseScimDateTime / normalizeScimDateTime: RFC 7643 §2.3.5 dateTime to epoch ms / ISO-8601 UTC with milliseconds. */
export { parseScimDateTime, normalizeScimDateTime } from './scim-datetime';
/** scimLower / compareCodePoints: the case folding and string order every filter backend shares. */
export { scimLower, compareCodePoints } from './string-compare';
