import type { AttributeDefinition, AttributeType } from './attribute-definition';

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/** Builds an attribute definition with the RFC 7643 §2.2 defaults for every characteristic left out. */
export function attribute(name: string, type: AttributeType, options: Options = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: options.description ?? name,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** A multi-valued complex attribute with the usual value/display/type/primary sub-attributes (RFC 7643 §2.4). */
export function multiValuedComplex(
  name: string,
  typeValues: string[],
  valueOptions: Options = {},
  options: Options = {},
): AttributeDefinition {
  return attribute(name, 'complex', {
    multiValued: true,
    ...options,
    subAttributes: [
      attribute('value', 'string', valueOptions),
      attribute('display', 'string'),
      // RFC 7643 §8.7.1 gives roles and entitlements no canonical types: leave the field out rather than send [].
      attribute('type', 'string', typeValues.length > 0 ? { canonicalValues: typeValues } : {}),
      attribute('primary', 'boolean'),
    ],
  });
}
