import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSecretsKey, loadOrCreateKeyFile, secretCipherFor, SECRETS_KEY_FILE } from './secrets-key';

describe('secrets key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'targets-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a 0600 key file once and reads the same key after', () => {
    const first = loadOrCreateKeyFile(dir);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, SECRETS_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(dir).equals(first)).toBe(true);
    expect(readFileSync(join(dir, SECRETS_KEY_FILE), 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('prefers HUB_SECRETS_KEY and writes no file then', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const cipher = secretCipherFor({ secretsKey: key, embedded: true, dataDir: dir });
    expect(cipher?.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(() => statSync(join(dir, SECRETS_KEY_FILE))).toThrow();
  });

  it('has no cipher for a shared store without HUB_SECRETS_KEY', () => {
    expect(secretCipherFor({ embedded: false, dataDir: dir })).toBeUndefined();
  });

  it.each(['short', Buffer.alloc(16).toString('base64'), 'not base64 at all!!'])('refuses %j as a key, naming the variable', (text) => {
    expect(() => decodeSecretsKey(text, 'HUB_SECRETS_KEY')).toThrow('HUB_SECRETS_KEY must be 32 random bytes in base64');
  });
});
