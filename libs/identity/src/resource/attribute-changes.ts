import type { JsonObject, JsonValue, ScimResource } from '@scim-hub/scim';
import type { AttributeChange } from '../events/identity-event';
import { extensionAttributeName, isExtensionKey, locateAttribute } from './attribute-name';
import { jsonEqual } from './json-equal';

// Server-owned keys never travel in AttributeChange: `id` is immutable (RFC 7643 §3.1) and `meta`
// is derived from the stream (revision, event times), not stored in the domain state.
const SERVER_KEYS: ReadonlySet<string> = new Set(['id', 'meta']);

const asObject = (value: JsonValue | undefined): JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};

const change = (attribute: string, value: JsonValue | undefined): AttributeChange =>
  value === undefined ? { attribute } : { attribute, value };

function unionKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = Object.keys(before);
  for (const key of Object.keys(after)) if (!Object.prototype.hasOwnProperty.call(before, key)) keys.push(key);
  return keys;
}

function diffExtension(urn: string, before: JsonObject, after: JsonObject): AttributeChange[] {
  return unionKeys(before, after)
    .filter((name) => !jsonEqual(before[name], after[name]))
    .map((name) => change(extensionAttributeName(urn, name), after[name]));
}

/**
 * The top-level attribute changes that turn `before` into `after`, one per changed attribute
 * (extension attributes one per attribute inside the extension object). `ignored` names keys the
 * caller tracks another way (a group's `members` travel as deltas). Invariant, checked by a
 * property test: `applyAttributeChanges(before, diffAttributes(before, after))` equals `after`
 * for canonical resources (no empty extension objects).
 */
export function diffAttributes(
  before: JsonObject,
  after: JsonObject,
  ignored: ReadonlySet<string> = new Set(),
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const key of unionKeys(before, after)) {
    if (SERVER_KEYS.has(key) || ignored.has(key)) continue;
    if (isExtensionKey(key)) changes.push(...diffExtension(key, asObject(before[key]), asObject(after[key])));
    else if (!jsonEqual(before[key], after[key])) changes.push(change(key, after[key]));
  }
  return changes;
}

function setOrDelete(target: JsonObject, name: string, value: JsonValue | undefined): void {
  if (value === undefined) delete target[name];
  else target[name] = value;
}

/** Applies AttributeChanges to a resource without touching the input; an extension object left empty disappears. */
export function applyAttributeChanges(resource: ScimResource, changes: readonly AttributeChange[]): ScimResource {
  const next: ScimResource = { ...resource };
  for (const { attribute, value } of changes) {
    const location = locateAttribute(attribute);
    if (location.urn === undefined) {
      setOrDelete(next, location.name, value);
      continue;
    }
    const extension = { ...asObject(next[location.urn]) };
    setOrDelete(extension, location.name, value);
    if (Object.keys(extension).length > 0) next[location.urn] = extension;
    else delete next[location.urn];
  }
  return next;
}

/** The resource as the domain stores it: without the server-owned `meta` (and `id`, which the stream knows). */
export function withoutServerKeys(resource: ScimResource): ScimResource {
  const { id: _id, meta: _meta, ...rest } = resource;
  return rest;
}
