/** Typed configuration types and defaults. */
export * from './hub-config';
/** Error thrown by loadConfig; lists each invalid variable. */
export { ConfigError } from './config.error';
/** loadConfig(env) and the list of variables it reads. */
export { loadConfig, ENV_VARIABLES } from './load-config';
/** Nest module, injection token and decorator for the HubConfig. */
export { ConfigModule, HUB_CONFIG, InjectConfig } from './config.module';
