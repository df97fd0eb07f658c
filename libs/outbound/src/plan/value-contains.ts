// Comparing what the hub wants with what a target holds: targets add defaults (meta, `primary: false`,
// `name.formatted`), so "the target has what we sent" is containment, not equality.
import type { JsonValue } from '@scim-hub/scim';

/** Whether `actual` holds everything `wanted` says: objects by key (case-insensitive), arrays element-wise in order. */
export function valueContains(actual: JsonValue | undefined, wanted: JsonValue | undefined): boolean {
  if (wanted === undefined || wanted === null) return actual === undefined || actual === null;
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => valueContains(actual[i], w));
  }
  if (typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = new Map(Object.keys(actual).map((k) => [k.toLowerCase(), k]));
    return Object.entries(wanted).every(([key, value]) => {
      const actualKey = keys.get(key.toLowerCase());
      return valueContains(actualKey === undefined ? undefined : actual[actualKey], value);
    });
  }
  return actual === wanted;
}
