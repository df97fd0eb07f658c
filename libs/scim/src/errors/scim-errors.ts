import { ScimError } from './scim-error';

// One factory per RFC 7644 §3.12 scimType, plus the plain statuses the protocol needs.

/** 400 invalidFilter: the filter syntax was invalid or the operator/attribute is not supported. */
export const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
/** 400 tooMany: the filter or request would return or touch too many results. */
export const tooMany = (detail: string) => new ScimError(400, 'tooMany', detail);
/** 409 uniqueness: a value that must be unique already exists. */
export const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);
/** 400 mutability: the request tried to change an attribute that cannot be changed. */
export const mutability = (detail: string) => new ScimError(400, 'mutability', detail);
/** 400 invalidSyntax: the request body is not a valid SCIM message. */
export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
/** 400 invalidPath: a PATCH or attribute path is malformed or unknown. */
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
/** 400 noTarget: a PATCH path with a value filter matched nothing. */
export const noTarget = (detail: string) => new ScimError(400, 'noTarget', detail);
/** 400 invalidValue: a required value is missing or a value is of the wrong type or form. */
export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
/** 400 invalidVers: the request's SCIM protocol version is not supported. */
export const invalidVers = (detail: string) => new ScimError(400, 'invalidVers', detail);
/** 403 sensitive: the request would put sensitive information in a URI. */
export const sensitive = (detail: string) => new ScimError(403, 'sensitive', detail);
/** 400 invalidCursor (RFC 9865 §2.1): the cursor is not one this service issued for this query. */
export const invalidCursor = (detail: string) => new ScimError(400, 'invalidCursor', detail);
/** 400 invalidCount (RFC 9865 §2.1): a cursor page was asked for with a count below 1. */
export const invalidCount = (detail: string) => new ScimError(400, 'invalidCount', detail);
/** 404: the resource does not exist (no scimType). */
export const notFound = (detail: string) => new ScimError(404, undefined, detail);
/** 412: the ETag given in If-Match / If-None-Match does not hold. */
export const preconditionFailed = (detail: string) => new ScimError(412, undefined, detail);
/** 401: missing or unknown credentials. */
export const unauthorized = (detail: string) => new ScimError(401, undefined, detail);
/** 413: the request body is larger than the server accepts. */
export const payloadTooLarge = (detail: string) => new ScimError(413, undefined, detail);
/** 501: the operation is not implemented by this service provider. */
export const notImplemented = (detail: string) => new ScimError(501, undefined, detail);
/** 503: a transient condition (stores unreachable, writers contending); the client should retry later. */
export const serviceUnavailable = (detail: string) => new ScimError(503, undefined, detail);
