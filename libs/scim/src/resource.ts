/** A JSON value as SCIM carries it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A SCIM resource in its canonical in-memory form: the wire JSON with attribute names in their
 * schema's spelling, extension attributes under their schema URN key, no `null` values.
 */
export type ScimResource = JsonObject & { schemas?: string[]; id?: string };
