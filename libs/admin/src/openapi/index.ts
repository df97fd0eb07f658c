/** The admin OpenAPI document, its fragments and the controller serving it. */
export { ADMIN_OPENAPI_FRAGMENTS, adminOpenApiDocument } from './admin-openapi.document';
/** The controller of GET /admin/openapi.json. */
export { OpenApiController } from './openapi.controller';
/** Types and helpers for a fragment of the admin document (for new admin endpoints). */
export * from './openapi.types';
