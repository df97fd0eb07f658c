/** Builds the Nest/fastify application with the hub's HTTP plumbing. */
export { createHttpApp, type HttpAppOptions } from './create-http-app';
/** The global exception filter rendering every error as a SCIM error body. */
export { ScimExceptionFilter } from './scim-exception.filter';
/** Maps any thrown value to a SCIM error status and body (503 + Retry-After for unreachable stores). */
export { toErrorResponse, RETRY_AFTER_SECONDS, type ErrorResponse, type FailedRequest } from './error-response';
/** SCIM error answers for fastify's routing errors, Node's HTTP parser errors, CONNECT and unknown Expect. */
export { frameworkErrorHandler, clientErrorHandler, refuseConnect, refuseExpectation } from './framework-errors';
/** The methods each registered path answers (405 with Allow). */
export { RouteTable } from './route-table';
/** Case-insensitive SCIM endpoint names under the base path. */
export { scimPathRewriter } from './scim-path.rewriter';
/** The lenient, prototype-poisoning-safe JSON body parser. */
export { registerJsonBodyParser, JSON_MEDIA_TYPES } from './json-body.parser';
/** Request hooks (context, request id, content type, access log, metrics) and the context of a request. */
export { installRequestHooks, requestContextOf, CallerContext, MAX_URL_LENGTH, type RequestHookOptions } from './request-hooks';
/** Request id header name and the id chosen for a request. */
export { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
/** The SCIM media type. */
export { SCIM_CONTENT_TYPE } from './scim-content-type';
/** Close hooks run after the server drained. */
export { ShutdownRegistry, type CloseHook } from './shutdown.registry';
/** SIGTERM/SIGINT handling: drain, close, exit 0. */
export { installGracefulShutdown, type GracefulShutdownOptions } from './graceful-shutdown';
/** SCIM error shape the plumbing renders, and the error it raises itself. */
export { SCIM_ERROR_SCHEMA, HttpScimError, isScimErrorShape, isUnavailableShape, type ScimErrorBody, type ScimErrorShape } from './scim-error.shape';
