import type { ResolvedAttribute } from '../schema';
import type { JsonObject, JsonValue, ScimResource } from '../resource';
import { findKey, getIgnoringCase, isJsonObject, withKey } from './json-value.util';

/** An attribute a PATCH wrote to, with its value before the first write. */
export interface TouchedAttribute {
  /** Canonical name: `name`, or `<extension URN>:<name>` (see PatchChange). */
  name: string;
  attr: ResolvedAttribute;
  before: JsonValue | undefined;
}

const changeName = (attr: ResolvedAttribute) =>
  attr.inExtension ? `${attr.schema}:${attr.attribute.name}` : attr.attribute.name;

/**
 * A copy-on-write view of the resource being patched: the input is never mutated, untouched
 * attributes are shared with it, and every written attribute is remembered in order of first write.
 */
export class PatchWorkspace {
  private readonly resource: JsonObject;
  private readonly touched = new Map<string, TouchedAttribute>();

  constructor(original: ScimResource) {
    this.resource = { ...original };
  }

  /** The current value of a top-level attribute (core, common or extension). */
  read(attr: ResolvedAttribute): JsonValue | undefined {
    const container = attr.inExtension ? getIgnoringCase(this.resource, attr.schema ?? '') : this.resource;
    return isJsonObject(container) ? getIgnoringCase(container, attr.attribute.name) : undefined;
  }

  /** Sets (or, with `undefined`, removes) a top-level attribute, spelled as its schema spells it. */
  write(attr: ResolvedAttribute, value: JsonValue | undefined): void {
    const name = changeName(attr);
    if (!this.touched.has(name)) this.touched.set(name, { name, attr, before: this.read(attr) });
    if (!attr.inExtension) {
      this.setTopLevel(attr.attribute.name, value);
      return;
    }
    const urn = attr.schema ?? '';
    const current = getIgnoringCase(this.resource, urn);
    const extension = withKey(isJsonObject(current) ? current : {}, attr.attribute.name, value);
    this.setTopLevel(urn, Object.keys(extension).length === 0 ? undefined : extension);
  }

  /** The attributes written, in order of first write. */
  touchedAttributes(): TouchedAttribute[] {
    return [...this.touched.values()];
  }

  /** The patched resource; an extension that gained attributes is listed in `schemas` (RFC 7643 §3). */
  result(): ScimResource {
    const schemas = this.resource.schemas;
    if (!Array.isArray(schemas)) return this.resource as ScimResource;
    const listed = new Set(schemas.map((s) => String(s).toLowerCase()));
    const added: string[] = [];
    for (const { attr } of this.touched.values()) {
      const urn = attr.schema;
      if (!attr.inExtension || urn === undefined || listed.has(urn.toLowerCase())) continue;
      if (findKey(this.resource, urn) === undefined) continue;
      listed.add(urn.toLowerCase());
      added.push(urn);
    }
    if (added.length > 0) this.resource.schemas = [...schemas, ...added];
    return this.resource as ScimResource;
  }

  private setTopLevel(name: string, value: JsonValue | undefined): void {
    const key = findKey(this.resource, name);
    if (key !== undefined && (key !== name || value === undefined)) delete this.resource[key];
    if (value !== undefined) this.resource[name] = value;
  }
}
