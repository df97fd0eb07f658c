import { randomBytes } from 'node:crypto';
import { SecretCipher, SecretUnreadable, maskOf } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));
  const context = 'acme/Target/t1';

  it('seals without the secret in clear and opens it again', () => {
    const sealed = cipher.seal('bearer-token-0123456789', context);
    expect(JSON.stringify(sealed)).not.toContain('bearer-token');
    expect(sealed).toMatchObject({ alg: 'A256GCM', kid: cipher.keyId, hint: '6789' });
    expect(cipher.open(sealed, context)).toBe('bearer-token-0123456789');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.seal('same', context).data).not.toBe(cipher.seal('same', context).data);
  });

  it('shows no hint of short secrets', () => {
    expect(maskOf(cipher.seal('short-secret', context))).toBe('…');
    expect(maskOf(cipher.seal('a-long-enough-secret-wxyz', context))).toBe('…wxyz');
  });

  it('refuses another context, a tampered ciphertext and another key', () => {
    const sealed = cipher.seal('bearer-token-0123456789', context);
    expect(() => cipher.open(sealed, 'acme/Target/t2')).toThrow(SecretUnreadable);
    const flipped = Buffer.from(sealed.data, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.open({ ...sealed, data: flipped.toString('base64url') }, context)).toThrow(SecretUnreadable);
    const other = new SecretCipher(randomBytes(32));
    expect(() => other.open(sealed, context)).toThrow(/sealed with key [0-9a-f]{8}, but HUB_SECRETS_KEY is key/);
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow('a secrets key has 32 bytes, not 16');
  });
});
