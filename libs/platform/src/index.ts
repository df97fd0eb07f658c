/** Typed configuration: loadConfig(env), HubConfig, ConfigModule. */
export * from './config';
/** Per-request context (request id, client address, user agent, principal). */
export * from './context';
/** pino logging with request ids and the Nest logger adapter. */
export * from './logging';
/** prom-client metrics, `/metrics` and the store/read-model metric helpers. */
export * from './metrics';
/** `/healthz`, `/readyz` and the readiness registry. */
export * from './health';
/** HTTP plumbing: createHttpApp, SCIM errors, body parsing, request hooks, graceful shutdown. */
export * from './http';
/** Nest module bundling config, logging, metrics, health and close hooks. */
export { PlatformModule, type PlatformServices } from './platform.module';
