import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(40);
const SECRETS_KEY = Buffer.alloc(32, 9).toString('base64');
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      dataDir: './data',
      store: 'sqlite',
      bus: 'log',
      kafkaBrokers: [],
      kafkaTopic: 'scim-hub.identity-events',
      kafkaRelay: 'embedded',
      logLevel: 'info',
      maxBodyBytes: 1048576,
      maxPageSize: 1000,
      schemaStrict: false,
      readYourWritesTimeoutMs: 10000,
      previousMasterKeys: [],
    });
    expect(c.masterKey).toBeUndefined();
    expect(c.jwt).toBeUndefined();
    expect(c.bootstrapToken).toBeUndefined();
    expect(c.adminToken).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      HUB_PORT: '9090',
      HUB_HOST: '127.0.0.1',
      HUB_PUBLIC_URL: 'https://scim.example.com/',
      HUB_DATA_DIR: '/var/lib/hub',
      HUB_STORE: 'postgres',
      DATABASE_URL: 'postgres://u@db:5432/hub',
      EVENTSTORE_URL: 'esdb://es:2113?tls=false',
      HUB_BUS: 'kafka',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      HUB_KAFKA_TOPIC: 'identity.events',
      HUB_KAFKA_RELAY: 'external',
      HUB_BOOTSTRAP_TOKEN: SECRET_A,
      HUB_ADMIN_TOKEN: SECRET_B,
      HUB_LOG_LEVEL: 'debug',
      HUB_MAX_BODY_BYTES: '2048',
      HUB_MAX_PAGE_SIZE: '100',
      HUB_JWT_ISSUER: 'https://sts.windows.net/t/',
      HUB_JWT_AUDIENCE: '8adf8e6e-67b2-4cf2-a259-e3dc5476c621',
      HUB_JWT_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/keys',
      HUB_CUSTOM_SCHEMAS_FILE: './schemas.json',
      HUB_SCHEMA_STRICT: 'true',
      HUB_LOG_FORMAT: 'pretty',
      HUB_SECRETS_KEY: SECRETS_KEY,
      HUB_MASTER_KEY: MASTER_KEY,
      HUB_MASTER_KEY_PREVIOUS: `${SECRETS_KEY},${MASTER_KEY}`,
      HUB_TARGETS_FILE: './targets.json',
      HUB_READ_YOUR_WRITES_TIMEOUT_MS: '2500',
    });
    expect(c).toEqual({
      port: 9090,
      host: '127.0.0.1',
      publicUrl: 'https://scim.example.com',
      dataDir: '/var/lib/hub',
      store: 'postgres',
      databaseUrl: 'postgres://u@db:5432/hub',
      eventStoreUrl: 'esdb://es:2113?tls=false',
      bus: 'kafka',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      kafkaTopic: 'identity.events',
      kafkaRelay: 'external',
      bootstrapToken: SECRET_A,
      adminToken: SECRET_B,
      logLevel: 'debug',
      maxBodyBytes: 2048,
      maxPageSize: 100,
      jwt: {
        issuer: 'https://sts.windows.net/t/',
        audience: '8adf8e6e-67b2-4cf2-a259-e3dc5476c621',
        jwksUrl: 'https://login.microsoftonline.com/common/discovery/keys',
      },
      customSchemasFile: './schemas.json',
      schemaStrict: true,
      logFormat: 'pretty',
      secretsKey: SECRETS_KEY,
      masterKey: MASTER_KEY,
      previousMasterKeys: [SECRETS_KEY, MASTER_KEY],
      targetsFile: './targets.json',
      readYourWritesTimeoutMs: 2500,
    });
  });

  it('derives the public URL from the port and treats empty strings as unset', () => {
    expect(loadConfig({ HUB_PORT: '8181', HUB_STORE: '' }).publicUrl).toBe('http://localhost:8181');
    expect(loadConfig({ HUB_STORE: '' }).store).toBe('sqlite');
  });

  it('accepts the EventStoreDB store with its URL', () => {
    expect(loadConfig({ HUB_STORE: 'eventstoredb', EVENTSTORE_URL: 'kurrentdb://localhost:2113' }).store).toBe('eventstoredb');
  });

  it.each([
    [{ HUB_STORE: 'mysql' }, 'HUB_STORE must be one of sqlite, postgres, eventstoredb'],
    [{ HUB_PORT: 'http' }, 'HUB_PORT must be an integer between 1 and 65535'],
    [{ HUB_PORT: '70000' }, 'HUB_PORT must be an integer between 1 and 65535'],
    [{ HUB_PORT: '0' }, 'HUB_PORT must be an integer between 1 and 65535'],
    [{ HUB_PORT: '80.5' }, 'HUB_PORT must be an integer between 1 and 65535'],
    [{ HUB_HOST: 'a host' }, 'HUB_HOST must be a host name or IP address'],
    [{ HUB_PUBLIC_URL: 'scim.example.com' }, 'HUB_PUBLIC_URL must be an http(s) URL such as https://scim.example.com'],
    [{ HUB_STORE: 'postgres' }, 'DATABASE_URL is required when HUB_STORE=postgres'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ HUB_STORE: 'eventstoredb' }, 'EVENTSTORE_URL is required when HUB_STORE=eventstoredb'],
    [{ EVENTSTORE_URL: 'http://es:2113' }, 'EVENTSTORE_URL must be an esdb:// or kurrentdb:// connection string'],
    [{ HUB_BUS: 'nats' }, 'HUB_BUS must be one of log, kafka'],
    [{ HUB_BUS: 'kafka' }, 'KAFKA_BROKERS is required when HUB_BUS=kafka'],
    [{ KAFKA_BROKERS: 'k1' }, 'KAFKA_BROKERS must be a comma-separated list of host:port'],
    [{ HUB_KAFKA_TOPIC: 'no spaces' }, 'HUB_KAFKA_TOPIC must be 1-249 letters, digits, ".", "_" or "-"'],
    [{ HUB_KAFKA_RELAY: 'sidecar' }, 'HUB_KAFKA_RELAY must be one of embedded, external'],
    [{ HUB_BOOTSTRAP_TOKEN: 'fifteen-chars-x' }, 'HUB_BOOTSTRAP_TOKEN must be at least 16 characters'],
    [{ HUB_BOOTSTRAP_TOKEN: `${SECRET_A} x` }, 'HUB_BOOTSTRAP_TOKEN must be printable ASCII without spaces'],
    [{ HUB_ADMIN_TOKEN: 'short' }, 'HUB_ADMIN_TOKEN must be at least 16 characters'],
    [{ HUB_ADMIN_TOKEN: SECRET_A, HUB_BOOTSTRAP_TOKEN: SECRET_A }, 'HUB_ADMIN_TOKEN must differ from HUB_BOOTSTRAP_TOKEN'],
    [{ HUB_LOG_LEVEL: 'loud' }, 'HUB_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ HUB_MAX_BODY_BYTES: '10' }, 'HUB_MAX_BODY_BYTES must be an integer number of bytes between 1024 and 67108864'],
    [{ HUB_MAX_BODY_BYTES: '1MiB' }, 'HUB_MAX_BODY_BYTES must be an integer number of bytes between 1024 and 67108864'],
    [{ HUB_MAX_PAGE_SIZE: '0' }, 'HUB_MAX_PAGE_SIZE must be an integer between 1 and 10000'],
    [{ HUB_MAX_PAGE_SIZE: '20000' }, 'HUB_MAX_PAGE_SIZE must be an integer between 1 and 10000'],
    [{ HUB_JWT_ISSUER: 'https://sts.windows.net/t/' }, 'HUB_JWT_AUDIENCE is required when any HUB_JWT_* variable is set'],
    [{ HUB_JWT_AUDIENCE: 'aud' }, 'HUB_JWT_ISSUER is required when any HUB_JWT_* variable is set'],
    [{ HUB_JWT_AUDIENCE: 'aud' }, 'HUB_JWT_JWKS_URL is required when any HUB_JWT_* variable is set'],
    [
      { HUB_JWT_ISSUER: 'i', HUB_JWT_AUDIENCE: 'a', HUB_JWT_JWKS_URL: 'keys.json' },
      'HUB_JWT_JWKS_URL must be an http(s) URL',
    ],
    [{ HUB_CUSTOM_SCHEMAS_FILE: 'schemas.yaml' }, 'HUB_CUSTOM_SCHEMAS_FILE must name a .json file'],
    [{ HUB_SCHEMA_STRICT: 'yes' }, 'HUB_SCHEMA_STRICT must be true or false'],
    [{ HUB_LOG_FORMAT: 'text' }, 'HUB_LOG_FORMAT must be one of pretty, json'],
    [{ HUB_SECRETS_KEY: 'c2hvcnQ=' }, 'HUB_SECRETS_KEY must be 32 random bytes in base64'],
    [{ HUB_MASTER_KEY: 'c2hvcnQ=' }, 'HUB_MASTER_KEY must be 32 random bytes in base64'],
    [{ HUB_MASTER_KEY_PREVIOUS: `${MASTER_KEY},` }, 'HUB_MASTER_KEY_PREVIOUS must be a comma-separated list of 32-byte keys in base64'],
    [{ HUB_TARGETS_FILE: 'targets.yaml' }, 'HUB_TARGETS_FILE must name a .json file'],
    [{ HUB_READ_YOUR_WRITES_TIMEOUT_MS: '50' }, 'HUB_READ_YOUR_WRITES_TIMEOUT_MS must be an integer number of milliseconds between 100 and 600000'],
    [{ HUB_READ_YOUR_WRITES_TIMEOUT_MS: '5s' }, 'HUB_READ_YOUR_WRITES_TIMEOUT_MS must be an integer number of milliseconds between 100 and 600000'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(problemsOf(env)).toContainEqual(expect.stringContaining(message));
  });

  it('reports every bad variable at once, one message each', () => {
    const problems = problemsOf({ HUB_STORE: 'mysql', HUB_PORT: 'x', HUB_LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['HUB_LOG_LEVEL', 'HUB_PORT', 'HUB_STORE']);
  });

  it('puts every problem in the error message', () => {
    expect(() => loadConfig({ HUB_STORE: 'mysql' })).toThrow(/invalid configuration:\n {2}- HUB_STORE must be one of/);
  });
});
