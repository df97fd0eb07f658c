import { readFileSync } from 'node:fs';
import path from 'node:path';

// The fastify that Nest's adapter loads. @nestjs/platform-fastify 11 pins fastify 5.11.3, whose body parser binds a
// callback with AsyncResource.bind on every request that has a body; package.json overrides it with a later 5.x
// (docs/development.md, "Dependencies").
function fastifyVersionUnderNest(): string {
  const adapterDir = path.dirname(require.resolve('@nestjs/platform-fastify/package.json'));
  const manifest = require.resolve('fastify/package.json', { paths: [adapterDir] });
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

describe('the fastify under @nestjs/platform-fastify', () => {
  it('is 5.12 or later within major version 5 (the override in package.json is in effect)', () => {
    const [major, minor] = fastifyVersionUnderNest().split('.').map(Number);
    expect(major).toBe(5);
    expect(minor).toBeGreaterThanOrEqual(12);
  });
});
