import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// The broker script is plain Node.js (it runs before anything is built); its cluster id is checked here.
const { clusterId } = createRequire(__filename)(resolve(__dirname, '../../../tools/kafka/kafka-broker.js')) as {
  clusterId(randomBytes?: (size: number) => Buffer): string;
};

describe('the test Kafka broker cluster id', () => {
  it('is 22 characters of URL-safe base64, like `kafka-storage random-uuid` prints', () => {
    for (let i = 0; i < 200; i++) expect(clusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with "-", which the storage tool would read as an option', () => {
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)]; // 0xf8… encodes as "-…", 0x01… as "AQ…"
    const ids = clusterId(() => draws.shift()!);
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    expect(ids).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
    expect(draws).toHaveLength(0);
  });
});
