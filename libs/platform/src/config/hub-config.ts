// The typed configuration every module receives; built once from the environment by loadConfig().

/** Event store backend (docs/architecture.md). */
export type StoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
/** How events are distributed: the store's own log, or Kafka in scale-out mode. */
export type BusKind = 'log' | 'kafka';
/** Where the relay (log → Kafka) runs when HUB_BUS=kafka. */
export type KafkaRelayMode = 'embedded' | 'external';
/** pino log levels accepted by HUB_LOG_LEVEL. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** How log lines are written: one JSON object per line, or readable text for a terminal. */
export type LogFormat = 'pretty' | 'json';

/** Optional verification of Entra-issued JWTs (docs/entra-compatibility.md §3: testing only). */
export interface JwtConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

/** Validated hub configuration; libs get it injected and never read process.env themselves. */
export interface HubConfig {
  readonly port: number;
  readonly host: string;
  /** Base URL without a trailing slash, used in printed URLs and meta.location. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly store: StoreKind;
  readonly databaseUrl?: string;
  readonly eventStoreUrl?: string;
  readonly bus: BusKind;
  readonly kafkaBrokers: readonly string[];
  /** Topic the relay writes the log to and consumers read (HUB_BUS=kafka). */
  readonly kafkaTopic: string;
  /** Whether the hub runs the relay itself (`embedded`) or a separate relay service does (`external`). */
  readonly kafkaRelay: KafkaRelayMode;
  readonly bootstrapToken?: string;
  readonly adminToken?: string;
  readonly logLevel: LogLevel;
  /** HUB_LOG_FORMAT; undefined = pretty when stdout is a terminal, else JSON (the process decides). */
  readonly logFormat?: LogFormat;
  readonly maxBodyBytes: number;
  readonly maxPageSize: number;
  readonly jwt?: JwtConfig;
  readonly customSchemasFile?: string;
  /** HUB_SCHEMA_STRICT: refuse attribute names the schemas do not define (400) instead of ignoring them. */
  readonly schemaStrict: boolean;
  /** Key (base64, 32 bytes) sealing target credentials; embedded mode generates one under dataDir when unset. */
  readonly secretsKey?: string;
  /** Key (base64, 32 bytes) wrapping every per-user erasure key in the key store; unset = keys stored as they are. */
  readonly masterKey?: string;
  /** Earlier master keys (base64), which still open the keys they wrapped; the store re-wraps those at start. */
  readonly previousMasterKeys: readonly string[];
  /** JSON array of target bodies applied at start as desired state (docs/outbound.md). */
  readonly targetsFile?: string;
  /** How long a SCIM write waits for the read model to pass it before answering (read-your-writes). */
  readonly readYourWritesTimeoutMs: number;
}

/** The values used when a variable is unset (docs/architecture.md public contract). */
export const CONFIG_DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  store: 'sqlite',
  bus: 'log',
  kafkaTopic: 'scim-hub.identity-events',
  kafkaRelay: 'embedded',
  logLevel: 'info',
  maxBodyBytes: 1024 * 1024,
  // Entra pages by 100 (docs/entra-compatibility.md); 1000 leaves room for other clients without unbounded pages.
  maxPageSize: 1000,
  readYourWritesTimeoutMs: 10_000,
} as const;
