import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema';
import type { JsonObject } from '../resource';
import { discoveryLocation } from './discovery-location';

/** What the hub tells clients about itself at /ServiceProviderConfig. */
export interface ServiceProviderConfigOptions {
  /** Base URL of the SCIM service, e.g. `https://hub.example.com/scim/v2`. */
  baseUrl: string;
  /** Largest page a query returns (the paging policy's maxCount). */
  maxResults: number;
  /** Page size when a query gives no `count` (RFC 9865 §4 `defaultPageSize`); defaults to `maxResults`. */
  defaultPageSize?: number;
  /** Seconds a cursor is guaranteed to stay valid (RFC 9865 §4 `cursorTimeout`); left out when not given. */
  cursorTimeout?: number;
  /** Where people find the hub's documentation; left out when not given (no null values, docs/entra-compatibility.md §12). */
  documentationUri?: string;
}

// RFC 9865 §4: both methods; index stays the default so that clients written for RFC 7644 see no change (§2.4).
function paginationOf(options: ServiceProviderConfigOptions): JsonObject {
  return {
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: options.defaultPageSize ?? options.maxResults,
    maxPageSize: options.maxResults,
    ...(options.cursorTimeout !== undefined ? { cursorTimeout: options.cursorTimeout } : {}),
  };
}

/**
 * GET /ServiceProviderConfig (RFC 7643 §5): PATCH yes (Entra needs it for groups, docs/entra-compatibility.md §11), bulk no, filter yes
 * with maxResults, changePassword no, pagination by index and by cursor (RFC 9865 §4), sort yes (RFC 7644 §3.4.2.3), ETags yes (`meta.version` = `W/"<revision>"`),
 * authentication by OAuth bearer token (the Secret Token Entra sends, docs/entra-compatibility.md §3).
 */
export function serviceProviderConfigDocument(options: ServiceProviderConfigOptions): JsonObject {
  const out: JsonObject = { schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA] };
  if (options.documentationUri) out.documentationUri = options.documentationUri;
  return {
    ...out,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    pagination: paginationOf(options),
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: discoveryLocation(options.baseUrl, 'ServiceProviderConfig') },
  };
}
