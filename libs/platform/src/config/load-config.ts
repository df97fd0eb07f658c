import { validateSync } from 'class-validator';
import { ConfigError } from './config.error';
import { CONFIG_DEFAULTS, type BusKind, type HubConfig, type KafkaRelayMode, type LogFormat, type LogLevel, type StoreKind } from './hub-config';
import { HubEnvSchema } from './hub-env.schema';

type Env = Readonly<Record<string, string | undefined>>;

/** Every environment variable the hub reads (docs/architecture.md public contract). */
export const ENV_VARIABLES: readonly (keyof HubEnvSchema)[] = [
  'HUB_PORT', 'HUB_HOST', 'HUB_PUBLIC_URL', 'HUB_DATA_DIR', 'HUB_STORE', 'DATABASE_URL', 'EVENTSTORE_URL',
  'HUB_BUS', 'KAFKA_BROKERS', 'HUB_BOOTSTRAP_TOKEN', 'HUB_ADMIN_TOKEN', 'HUB_LOG_LEVEL', 'HUB_MAX_BODY_BYTES',
  'HUB_MAX_PAGE_SIZE', 'HUB_JWT_ISSUER', 'HUB_JWT_AUDIENCE', 'HUB_JWT_JWKS_URL', 'HUB_CUSTOM_SCHEMAS_FILE',
  'HUB_SCHEMA_STRICT',
  'HUB_LOG_FORMAT',
  'HUB_SECRETS_KEY', 'HUB_MASTER_KEY', 'HUB_MASTER_KEY_PREVIOUS', 'HUB_TARGETS_FILE',
  'HUB_KAFKA_TOPIC', 'HUB_KAFKA_RELAY',
  'HUB_READ_YOUR_WRITES_TIMEOUT_MS',
];

const NUMERIC = new Set<keyof HubEnvSchema>(['HUB_PORT', 'HUB_MAX_BODY_BYTES', 'HUB_MAX_PAGE_SIZE', 'HUB_READ_YOUR_WRITES_TIMEOUT_MS']);

/** Reads, validates and types every variable once; throws ConfigError naming each bad variable. Pure. */
export function loadConfig(env: Env = process.env): HubConfig {
  const raw = toSchema(env);
  const problems = validateSync(raw).map((e) => firstProblem(e.constraints ?? {}));
  // A SCIM client holding the bootstrap token must not become an administrator.
  if (raw.HUB_ADMIN_TOKEN && raw.HUB_ADMIN_TOKEN === raw.HUB_BOOTSTRAP_TOKEN) {
    problems.push('HUB_ADMIN_TOKEN must differ from HUB_BOOTSTRAP_TOKEN');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(toConfig(raw));
}

// One message per variable; "is required" says more than "must be a URL" about a missing value.
function firstProblem(constraints: Record<string, string>): string {
  return constraints['isNotEmpty'] ?? Object.values(constraints)[0];
}

// Empty strings count as unset (docker env files and shells often export `VAR=`).
function toSchema(env: Env): HubEnvSchema {
  const schema = new HubEnvSchema();
  for (const key of ENV_VARIABLES) {
    const value = env[key]?.trim();
    if (value === undefined || value === '') continue;
    (schema as unknown as Record<string, unknown>)[key] = NUMERIC.has(key) ? parseInteger(value) : value;
  }
  return schema;
}

function parseInteger(value: string): number {
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

function toConfig(e: HubEnvSchema): HubConfig {
  const port = e.HUB_PORT ?? CONFIG_DEFAULTS.port;
  return {
    port,
    host: e.HUB_HOST ?? CONFIG_DEFAULTS.host,
    publicUrl: (e.HUB_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir: e.HUB_DATA_DIR ?? CONFIG_DEFAULTS.dataDir,
    store: (e.HUB_STORE ?? CONFIG_DEFAULTS.store) as StoreKind,
    databaseUrl: e.DATABASE_URL,
    eventStoreUrl: e.EVENTSTORE_URL,
    bus: (e.HUB_BUS ?? CONFIG_DEFAULTS.bus) as BusKind,
    kafkaBrokers: e.KAFKA_BROKERS ? e.KAFKA_BROKERS.split(',') : [],
    kafkaTopic: e.HUB_KAFKA_TOPIC ?? CONFIG_DEFAULTS.kafkaTopic,
    kafkaRelay: (e.HUB_KAFKA_RELAY ?? CONFIG_DEFAULTS.kafkaRelay) as KafkaRelayMode,
    bootstrapToken: e.HUB_BOOTSTRAP_TOKEN,
    adminToken: e.HUB_ADMIN_TOKEN,
    logLevel: (e.HUB_LOG_LEVEL ?? CONFIG_DEFAULTS.logLevel) as LogLevel,
    ...(e.HUB_LOG_FORMAT ? { logFormat: e.HUB_LOG_FORMAT as LogFormat } : {}),
    maxBodyBytes: e.HUB_MAX_BODY_BYTES ?? CONFIG_DEFAULTS.maxBodyBytes,
    maxPageSize: e.HUB_MAX_PAGE_SIZE ?? CONFIG_DEFAULTS.maxPageSize,
    jwt: toJwtConfig(e),
    customSchemasFile: e.HUB_CUSTOM_SCHEMAS_FILE,
    schemaStrict: e.HUB_SCHEMA_STRICT === 'true',
    secretsKey: e.HUB_SECRETS_KEY,
    masterKey: e.HUB_MASTER_KEY,
    previousMasterKeys: e.HUB_MASTER_KEY_PREVIOUS ? e.HUB_MASTER_KEY_PREVIOUS.split(',') : [],
    targetsFile: e.HUB_TARGETS_FILE,
    readYourWritesTimeoutMs: e.HUB_READ_YOUR_WRITES_TIMEOUT_MS ?? CONFIG_DEFAULTS.readYourWritesTimeoutMs,
  };
}

// Validation guarantees all three are set together.
function toJwtConfig(e: HubEnvSchema): HubConfig['jwt'] {
  const { HUB_JWT_ISSUER: issuer, HUB_JWT_AUDIENCE: audience, HUB_JWT_JWKS_URL: jwksUrl } = e;
  return issuer && audience && jwksUrl ? { issuer, audience, jwksUrl } : undefined;
}
