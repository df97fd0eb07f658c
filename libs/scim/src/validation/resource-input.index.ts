import { invalidSyntax, invalidValue } from '../errors';
import type { ResourceSchema, SchemaDefinition } from '../schema';
import { addEntry, type KeyedEntry } from './attribute-value.normalizer';
import { describeValue, isPlainObject } from './input-guard';

const lower = (s: string) => s.toLowerCase();

/** The members of a request body sorted by the schema they belong to, keyed by lowercased attribute name. */
export interface ResourceInputIndex {
  /** The raw `schemas` member, if any. */
  schemas: unknown;
  /** Common and core-schema attributes. */
  core: Map<string, KeyedEntry>;
  /** Attributes of each extension present, keyed by the extension's URN in schema spelling. */
  extensions: Map<string, Map<string, KeyedEntry>>;
}

/** The schema whose URN prefixes `lowerKey` as `<urn>:<attribute>`; the longest URN wins. */
function qualifyingSchema(rs: ResourceSchema, lowerKey: string): SchemaDefinition | undefined {
  let best: SchemaDefinition | undefined;
  for (const s of [rs.core, ...rs.extensions]) {
    const prefix = lower(s.id) + ':';
    if (lowerKey.startsWith(prefix) && (!best || s.id.length > best.id.length)) best = s;
  }
  return best;
}

function extensionEntries(index: ResourceInputIndex, urn: string): Map<string, KeyedEntry> {
  let map = index.extensions.get(urn);
  if (!map) index.extensions.set(urn, (map = new Map()));
  return map;
}

function addExtensionObject(index: ResourceInputIndex, ext: SchemaDefinition, key: string, value: unknown): void {
  if (value === null) return; // the whole extension unassigned
  if (!isPlainObject(value)) throw invalidValue(`'${key}' must be an object of extension attributes; got ${describeValue(value)}`);
  const map = extensionEntries(index, ext.id);
  for (const name of Object.keys(value)) addEntry(map, lower(name), { key: name, value: value[name] }, key);
}

/**
 * Sorts the body's members by schema: `schemas`; an extension URN key holding an object of extension attributes
 * (RFC 7643 §3.3); URN-qualified attribute keys `<urn>:<name>` (RFC 7644 §3.10), for the core schema too;
 * everything else is a common or core attribute. All URN and name matching ignores case (RFC 7643 §2.1).
 */
export function indexResourceInput(input: Record<string, unknown>, rs: ResourceSchema): ResourceInputIndex {
  const index: ResourceInputIndex = { schemas: undefined, core: new Map(), extensions: new Map() };
  const schemasKeys: string[] = [];
  for (const key of Object.keys(input)) {
    const lk = lower(key);
    const value = input[key];
    if (lk === 'schemas') {
      schemasKeys.push(key);
      index.schemas = value;
      continue;
    }
    const ext = rs.extensions.find((e) => lower(e.id) === lk);
    if (ext) {
      addExtensionObject(index, ext, key, value);
      continue;
    }
    const owner = qualifyingSchema(rs, lk);
    const name = owner ? lk.slice(owner.id.length + 1) : lk;
    const map = !owner || owner === rs.core ? index.core : extensionEntries(index, owner.id);
    addEntry(map, name, { key, value }, owner && owner !== rs.core ? owner.id : '');
  }
  if (schemasKeys.length > 1) throw invalidSyntax(`'schemas' is given more than once (${schemasKeys.join(', ')})`);
  return index;
}
