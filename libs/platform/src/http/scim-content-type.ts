/** RFC 7644 §3.1: the SCIM media type, used for every SCIM API response and every error body. */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
