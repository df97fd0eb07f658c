// How an AttributeChange names an attribute: `emails` for a core/common attribute, `<extension URN>:<name>`
// for an attribute that lives in an extension object (RFC 7643 §3.3: extension attributes sit under the URN key).

/** True when a top-level resource key is an extension container (`urn:…`), compared case-insensitively (RFC 7643 §2.1). */
export function isExtensionKey(key: string): boolean {
  return key.slice(0, 4).toLowerCase() === 'urn:';
}

/** Where an AttributeChange's attribute lives: top level, or `name` inside the extension object `urn`. */
export type AttributeLocation = { urn?: undefined; name: string } | { urn: string; name: string };

/** Splits `urn:…:User:manager` into the extension URN and `manager`; core names stay as they are. */
export function locateAttribute(attribute: string): AttributeLocation {
  if (!isExtensionKey(attribute)) return { name: attribute };
  const colon = attribute.lastIndexOf(':');
  return { urn: attribute.slice(0, colon), name: attribute.slice(colon + 1) };
}

/** The AttributeChange name of `name` inside extension `urn`. */
export function extensionAttributeName(urn: string, name: string): string {
  return `${urn}:${name}`;
}
