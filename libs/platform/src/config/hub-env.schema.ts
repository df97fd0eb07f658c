import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

// The raw environment as class-validator sees it. Property names ARE the variable names, so every
// message ($property) names the variable. Numbers arrive pre-parsed (NaN when not a plain integer).

const STORES = ['sqlite', 'postgres', 'eventstoredb'];
const BUSES = ['log', 'kafka'];
const KAFKA_RELAY_MODES = ['embedded', 'external'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS = ['pretty', 'json'];
const HTTP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
// 16 is the floor (docker-compose.yml's local defaults); generated secrets should be longer.
const SECRET_HINT = 'at least 16 characters (better: `openssl rand -base64 32`)';

const jwtWanted = (e: HubEnvSchema) => Boolean(e.HUB_JWT_ISSUER || e.HUB_JWT_AUDIENCE || e.HUB_JWT_JWKS_URL);

/** Environment variables the hub reads, with their validation rules. */
export class HubEnvSchema {
  @IsOptional()
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  HUB_PORT?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: '$property must be a host name or IP address' })
  HUB_HOST?: string;

  @IsOptional()
  @IsUrl(HTTP_URL, { message: '$property must be an http(s) URL such as https://scim.example.com' })
  HUB_PUBLIC_URL?: string;

  @IsOptional()
  HUB_DATA_DIR?: string;

  @IsOptional()
  @IsIn(STORES, { message: `$property must be one of ${STORES.join(', ')}` })
  HUB_STORE?: string;

  @ValidateIf((e: HubEnvSchema) => e.HUB_STORE === 'postgres' || e.DATABASE_URL !== undefined)
  @IsNotEmpty({ message: '$property is required when HUB_STORE=postgres' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// URL' })
  DATABASE_URL?: string;

  @ValidateIf((e: HubEnvSchema) => e.HUB_STORE === 'eventstoredb' || e.EVENTSTORE_URL !== undefined)
  @IsNotEmpty({ message: '$property is required when HUB_STORE=eventstoredb' })
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/\S+$/, {
    message: '$property must be an esdb:// or kurrentdb:// connection string',
  })
  EVENTSTORE_URL?: string;

  @IsOptional()
  @IsIn(BUSES, { message: `$property must be one of ${BUSES.join(', ')}` })
  HUB_BUS?: string;

  @ValidateIf((e: HubEnvSchema) => e.HUB_BUS === 'kafka' || e.KAFKA_BROKERS !== undefined)
  @IsNotEmpty({ message: '$property is required when HUB_BUS=kafka' })
  @Matches(/^[A-Za-z0-9.-]+:\d+(,[A-Za-z0-9.-]+:\d+)*$/, { message: '$property must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  // Kafka's legal topic names: 1–249 of letters, digits, '.', '_' and '-'.
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: '$property must be 1-249 letters, digits, ".", "_" or "-"' })
  HUB_KAFKA_TOPIC?: string;

  @IsOptional()
  @IsIn(KAFKA_RELAY_MODES, { message: `$property must be one of ${KAFKA_RELAY_MODES.join(', ')}` })
  HUB_KAFKA_RELAY?: string;

  @IsOptional()
  @MinLength(16, { message: `$property must be ${SECRET_HINT}` })
  @Matches(/^[\x21-\x7e]+$/, { message: '$property must be printable ASCII without spaces' })
  HUB_BOOTSTRAP_TOKEN?: string;

  @IsOptional()
  @MinLength(16, { message: `$property must be ${SECRET_HINT}` })
  @Matches(/^[\x21-\x7e]+$/, { message: '$property must be printable ASCII without spaces' })
  HUB_ADMIN_TOKEN?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}` })
  HUB_LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `$property must be one of ${LOG_FORMATS.join(', ')}` })
  HUB_LOG_FORMAT?: string;

  @IsOptional()
  @IsInt({ message: '$property must be an integer number of bytes between 1024 and 67108864' })
  @Min(1024, { message: '$property must be an integer number of bytes between 1024 and 67108864' })
  @Max(64 * 1024 * 1024, { message: '$property must be an integer number of bytes between 1024 and 67108864' })
  HUB_MAX_BODY_BYTES?: number;

  @IsOptional()
  @IsInt({ message: '$property must be an integer between 1 and 10000' })
  @Min(1, { message: '$property must be an integer between 1 and 10000' })
  @Max(10000, { message: '$property must be an integer between 1 and 10000' })
  HUB_MAX_PAGE_SIZE?: number;

  @IsOptional()
  @IsInt({ message: '$property must be an integer number of milliseconds between 100 and 600000' })
  @Min(100, { message: '$property must be an integer number of milliseconds between 100 and 600000' })
  @Max(600_000, { message: '$property must be an integer number of milliseconds between 100 and 600000' })
  HUB_READ_YOUR_WRITES_TIMEOUT_MS?: number;

  @ValidateIf(jwtWanted)
  @IsNotEmpty({ message: '$property is required when any HUB_JWT_* variable is set' })
  HUB_JWT_ISSUER?: string;

  @ValidateIf(jwtWanted)
  @IsNotEmpty({ message: '$property is required when any HUB_JWT_* variable is set' })
  HUB_JWT_AUDIENCE?: string;

  @ValidateIf(jwtWanted)
  @IsNotEmpty({ message: '$property is required when any HUB_JWT_* variable is set' })
  @IsUrl(HTTP_URL, { message: '$property must be an http(s) URL' })
  HUB_JWT_JWKS_URL?: string;

  @IsOptional()
  @Matches(/\.json$/i, { message: '$property must name a .json file' })
  HUB_CUSTOM_SCHEMAS_FILE?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  HUB_SCHEMA_STRICT?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: '$property must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)' })
  HUB_SECRETS_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: '$property must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)' })
  HUB_MASTER_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, { message: '$property must be a comma-separated list of 32-byte keys in base64' })
  HUB_MASTER_KEY_PREVIOUS?: string;

  @IsOptional()
  @Matches(/\.json$/i, { message: '$property must name a .json file' })
  HUB_TARGETS_FILE?: string;
}
