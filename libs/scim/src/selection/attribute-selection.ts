import { allSchemas, commonAttributes, resolveAttribute, type AttributeDefinition, type ResourceSchema } from '../schema';

const lower = (s: string) => s.toLowerCase();

/** Which sub-attributes of one attribute a path list names: all of them, or the listed ones (lowercased). */
export type SubSelection = 'whole' | Set<string>;

/** A path list resolved against a resource type: whole schemas and per-attribute sub-selections. */
export interface ResolvedPaths {
  /** URNs of schemas named as a whole (`urn:…:enterprise:2.0:User`). */
  schemas: Set<string>;
  /** Keyed by `attributeKey()`. */
  attributes: Map<string, SubSelection>;
}

/** The key of an attribute in `ResolvedPaths`: its container (extension URN, or '' for core/common) and name. */
export function attributeKey(container: string, def: AttributeDefinition): string {
  return `${container}|${lower(def.name)}`;
}

function addPath(out: ResolvedPaths, container: string, def: AttributeDefinition, sub?: AttributeDefinition): void {
  const key = attributeKey(container, def);
  const current = out.attributes.get(key);
  if (current === 'whole') return;
  if (!sub) {
    out.attributes.set(key, 'whole');
    return;
  }
  const subs = current ?? new Set<string>();
  subs.add(lower(sub.name));
  out.attributes.set(key, subs);
}

/** Splits `urn:…:User:name.givenName` into schema URN and the rest; a bare schema URN has no rest. */
function splitUrn(rs: ResourceSchema, path: string): { schema?: string; rest?: string } {
  const lp = lower(path);
  for (const s of allSchemas(rs)) {
    const id = lower(s.id);
    if (lp === id) return { schema: s.id };
    if (lp.startsWith(id + ':')) return { schema: s.id, rest: path.slice(id.length + 1) };
  }
  return { rest: path };
}

/** One resolved path: a whole schema, or an attribute (with its container key) and maybe a sub-attribute. */
export type ResolvedPath =
  | { kind: 'schema'; schema: string }
  | { kind: 'attribute'; container: string; schemaId: string; attribute: AttributeDefinition; sub?: AttributeDefinition };

/** Resolves one path (`userName`, `name.givenName`, `urn:…:User:department`, a schema URN); undefined when unknown. */
export function resolveAttributePath(rs: ResourceSchema, path: string): ResolvedPath | undefined {
  const { schema, rest } = splitUrn(rs, path.trim());
  if (rest === undefined) return schema ? { kind: 'schema', schema } : undefined;
  const dot = rest.indexOf('.');
  const name = dot < 0 ? rest : rest.slice(0, dot);
  const sub = dot < 0 ? undefined : rest.slice(dot + 1);
  // `urn:…:core:2.0:User:id` names a common attribute, which resolveAttribute only finds without a URN.
  const commonViaCore = schema === rs.core.id && commonAttributes.some((a) => lower(a.name) === lower(name));
  const r = resolveAttribute(rs, { schema: commonViaCore ? undefined : schema, name, sub });
  if (!r) return undefined;
  const container = r.inExtension ? (r.schema as string) : '';
  return { kind: 'attribute', container, schemaId: container || rs.core.id, attribute: r.attribute, sub: r.subAttribute };
}

/** Resolves attribute paths (plain, dotted, URN-qualified, or a whole extension URN); unknown paths are ignored. */
export function resolvePaths(rs: ResourceSchema, paths: readonly string[] | undefined): ResolvedPaths {
  const out: ResolvedPaths = { schemas: new Set(), attributes: new Map() };
  for (const path of paths ?? []) {
    // RFC 7644 §3.4.2.5 gives no error for unknown names; they select nothing.
    const r = resolveAttributePath(rs, path);
    if (r?.kind === 'schema') out.schemas.add(r.schema);
    else if (r) addPath(out, r.container, r.attribute, r.sub);
  }
  return out;
}
