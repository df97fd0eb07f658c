import type { TargetDefinition } from '@scim-hub/outbound';
import { isDeepStrictEqual } from 'node:util';

/** Whether two definitions configure the same thing (key order and absent-vs-undefined do not count). */
export function sameDefinition(a: TargetDefinition, b: TargetDefinition): boolean {
  return isDeepStrictEqual(normalized(a), normalized(b));
}

function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, normalized(v)]));
}
