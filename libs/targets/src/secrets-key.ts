// Where the key that seals target credentials comes from: HUB_SECRETS_KEY (required when several processes
// share a store), or — embedded mode only — a key file generated under HUB_DATA_DIR on first start.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRETS_KEY_BYTES, SecretCipher } from './secret-cipher';

/** Name of the generated key file under HUB_DATA_DIR. */
export const SECRETS_KEY_FILE = 'secrets.key';

/** Decodes a base64 key of exactly 32 bytes; `source` names where it came from in the error. */
export function decodeSecretsKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || key.length !== SECRETS_KEY_BYTES) {
    throw new Error(`${source} must be ${SECRETS_KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

/**
 * Reads `<dataDir>/secrets.key`, creating it (mode 0600) when it does not exist yet. The key is written to a
 * private temporary file and then hard-linked into place: link fails when the name exists, so a CLI and a hub
 * starting together end up with the same key, and nobody ever reads a half-written file.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, SECRETS_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  const temporary = join(dataDir, `.${SECRETS_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(temporary, `${randomBytes(SECRETS_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return decodeSecretsKey(readFileSync(file, 'utf8'), file);
}

/** How the key is chosen; mirrors the hub's configuration. */
export interface SecretsKeySource {
  /** HUB_SECRETS_KEY, base64. */
  secretsKey?: string;
  /** Embedded (SQLite) mode may generate a key file; shared stores may not (each process would make its own). */
  embedded: boolean;
  dataDir: string;
}

/** The cipher for target credentials, or undefined when a shared store has no HUB_SECRETS_KEY. */
export function secretCipherFor(source: SecretsKeySource): SecretCipher | undefined {
  if (source.secretsKey) return new SecretCipher(decodeSecretsKey(source.secretsKey, 'HUB_SECRETS_KEY'));
  return source.embedded ? new SecretCipher(loadOrCreateKeyFile(source.dataDir)) : undefined;
}
