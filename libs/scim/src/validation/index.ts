/** Normalises a POST/PUT body into the canonical resource form (RFC 7643; Entra quirks in docs/entra-compatibility.md, create). */
export { normalizeResource } from './resource.normalizer';
/** `normalizeResource` that also lists the names of the attributes it ignored (never their values). */
export { normalizeResourceWithReport } from './resource.normalizer';
/** Limits and Entra knobs of `normalizeResource`, and their defaults. */
export type { NormalizeOptions, ResolvedNormalizeOptions } from './normalize-options';
/** The default limits of `normalizeResource` (16 KiB strings, 10,000 values, 100,000 members, depth 10). */
export { DEFAULT_NORMALIZE_OPTIONS, resolveNormalizeOptions } from './normalize-options';
/** Checks and canonicalises a single attribute value; usable by the PATCH engine for values it sets. */
export { normalizeAttributeValue } from './attribute-value.normalizer';
