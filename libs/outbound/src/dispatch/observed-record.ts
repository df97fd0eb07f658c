// What a target holds for a resource, as a DeliveredResource the planner can diff against: only the
// attributes we send (or sent before) count, so a target's own additions (meta, defaults) never look like drift.
import type { JsonObject, JsonValue } from '@scim-hub/scim';
import { memberValues } from './source-reader';
import type { DeliveredResource } from '../state/delivery-state.port';

const isObject = (value: JsonValue | undefined): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);

function lookup(object: JsonObject, key: string): JsonValue | undefined {
  const actual = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
  return actual === undefined ? undefined : object[actual];
}

/** `actual` cut down to the keys of `shapes` (extension objects to their sub-keys). */
export function projectOnto(actual: JsonObject, shapes: readonly JsonObject[]): JsonObject {
  const projected: JsonObject = {};
  for (const key of new Set(shapes.flatMap((shape) => Object.keys(shape)))) {
    const value = lookup(actual, key);
    if (value === undefined) continue;
    const subShapes = shapes.map((shape) => shape[key]).filter(isObject);
    projected[key] = key.toLowerCase().startsWith('urn:') && isObject(value) && subShapes.length > 0 ? projectOnto(value, subShapes) : value;
  }
  return projected;
}

/** The record of a resource as observed on the target, to plan against instead of what we last wrote. */
export function observedRecord(found: JsonObject, known: DeliveredResource, wanted: JsonObject | undefined): DeliveredResource {
  const shapes = [wanted, known.body].filter((shape): shape is JsonObject => !!shape);
  return {
    ...known,
    targetId: String(found['id']),
    body: projectOnto(found, shapes),
    members: known.resourceType === 'Groups' ? memberValues(found) : undefined,
  };
}
