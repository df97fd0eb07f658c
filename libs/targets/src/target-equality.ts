import type { TargetDefinition } from '@scim-hub/outbound';

/**
 * Whether two definitions configure the same thing: key order and absent-vs-undefined do not count. Compared
 * as canonical JSON (definitions are JSON data; a prototype-aware deep equal would tell objects cloned by the
 * store apart from literal ones).
 */
export function sameDefinition(a: TargetDefinition, b: TargetDefinition): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
}
