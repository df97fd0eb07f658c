// Attribute paths of mappings: `userName`, `name.givenName`, `urn:…:enterprise:2.0:User:department`
// (extension URN, then the attribute, RFC 7644 §3.10) — the forms the admin layer accepts.
import type { JsonObject, JsonValue } from '@scim-hub/scim';

/** The keys to walk for a path: `[urn, attribute(.sub)]` for extension paths, the dotted parts otherwise. */
export function pathKeys(path: string): string[] {
  if (path.toLowerCase().startsWith('urn:')) {
    const cut = path.lastIndexOf(':');
    return [path.slice(0, cut), ...path.slice(cut + 1).split('.')];
  }
  return path.split('.');
}

/** The value at `path` (case-insensitive keys, RFC 7643 §2.1), or undefined. */
export function getPath(resource: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = resource;
  for (const key of pathKeys(path)) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const object: JsonObject = current;
    const actual: string | undefined = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
    current = actual === undefined ? undefined : object[actual];
  }
  return current;
}

/** Sets `value` at `path` in `target` (mutating it), creating intermediate objects. */
export function setPath(target: JsonObject, path: string, value: JsonValue): void {
  const keys = pathKeys(path);
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (!next || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  current[keys[keys.length - 1] as string] = value;
}
