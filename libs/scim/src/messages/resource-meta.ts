import type { JsonObject } from '../resource';
import { formatEtag } from './etag';

/** What `resourceMeta` needs to describe one stored resource. */
export interface ResourceMetaInput {
  /** `User` or `Group` (RFC 7643 §3.1 `meta.resourceType`). */
  resourceType: string;
  /** Endpoint path of the resource type; defaults to `/<resourceType>s` (`/Users`, `/Groups`). */
  endpoint?: string;
  id: string;
  /** Base URL of the SCIM service, e.g. `https://hub.example.com/scim/v2`. */
  baseUrl: string;
  created: Date | string;
  lastModified: Date | string;
  /** Stream revision; becomes `meta.version` = `W/"<revision>"`. */
  revision: number;
}

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/** The absolute URL of a resource: `<baseUrl><endpoint>/<id>` (RFC 7643 §3.1 `meta.location`). */
export function resourceLocation(baseUrl: string, endpoint: string, id: string): string {
  const path = endpoint.startsWith('/') ? endpoint : `/${endpoint}`;
  const base = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  return `${base}${path}/${encodeURIComponent(id)}`;
}

/**
 * Builds `meta` (RFC 7643 §3.1): resourceType, created, lastModified, location and version; the version equals the
 * ETag header so that If-Match can quote either (RFC 7644 §3.14).
 */
export function resourceMeta(input: ResourceMetaInput): JsonObject {
  return {
    resourceType: input.resourceType,
    created: iso(input.created),
    lastModified: iso(input.lastModified),
    location: resourceLocation(input.baseUrl, input.endpoint ?? `/${input.resourceType}s`, input.id),
    version: formatEtag(input.revision),
  };
}
