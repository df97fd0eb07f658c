/** RFC 7643 §2.3 attribute data types. */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
/** RFC 7643 §7 mutability characteristic. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
/** RFC 7643 §7 returned characteristic. */
export type Returned = 'always' | 'never' | 'default' | 'request';
/** RFC 7643 §7 uniqueness characteristic. */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute of a schema with every RFC 7643 §7 characteristic; served as-is at /Schemas. */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A schema resource (RFC 7643 §7): its URN id, name and attributes. */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

/** A resource type (RFC 7643 §6): endpoint, core schema and extensions. */
export interface ResourceTypeDefinition {
  id: 'User' | 'Group' | string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}
