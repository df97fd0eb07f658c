/** GET /ServiceProviderConfig (RFC 7643 §5). */
export { serviceProviderConfigDocument } from './service-provider-config.document';
/** Options of the /ServiceProviderConfig document. */
export type { ServiceProviderConfigOptions } from './service-provider-config.document';
/** GET /ResourceTypes and /ResourceTypes/{id} (RFC 7643 §6). */
export { resourceTypesListDocument, resourceTypeDocument, resourceTypeResource } from './resource-types.document';
/** GET /Schemas and /Schemas/{urn} (RFC 7643 §7), and the list of schemas the resource types use. */
export { schemasListDocument, schemaDocument, schemaResource, schemasOf } from './schemas.document';
/** The /Schemas representation of one attribute definition. */
export { attributeDocument } from './attribute.serializer';
/** Validates custom extension schemas from configuration and builds the resource schemas that use them. */
export { parseCustomSchemas, resourceSchemasWith } from './custom-schema.parser';
/** A custom extension schema with the resource types it extends. */
export type { CustomSchemaDefinition } from './custom-schema.parser';
