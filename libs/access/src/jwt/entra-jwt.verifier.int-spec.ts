import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntraJwtVerifier } from './entra-jwt.verifier';

// Real HTTP: the verifier fetches the JWKS from a 127.0.0.1 server, as it would from login.microsoftonline.com.
const ISSUER = 'https://sts.windows.net/11111111-2222-3333-4444-555555555555/';
const AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

describe('EntraJwtVerifier', () => {
  let server: Server;
  let jwksUrl: string;
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      jwksRequests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/keys`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: Record<string, unknown> = {}, options: { key?: CryptoKey; iss?: string; aud?: string; exp?: string } = {}) =>
    new SignJWT({ oid: 'sp-object-id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '10m')
      .sign(options.key ?? signingKey);

  const verifier = () => new EntraJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl, tenant: 'default' });

  it('maps a valid Entra token to the configured tenant, with the caller object id as token id', async () => {
    expect(await verifier().verify(await sign())).toEqual({ tenant: 'default', tokenId: 'jwt:sp-object-id' });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each([
    ['a wrong issuer', { iss: 'https://sts.windows.net/other/' }],
    ['a wrong audience', { aud: 'api://someone-else' }],
    ['an expired token', { exp: '-5m' }],
  ])('refuses %s', async (_name, options) => {
    expect(await verifier().verify(await sign({}, options))).toBeUndefined();
  });

  it('refuses a token signed by another key', async () => {
    expect(await verifier().verify(await sign({}, { key: otherKey }))).toBeUndefined();
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, oid: 'attacker', exp: 9999999999 })).toString('base64url');
    expect(await verifier().verify(`${header}.${forged}.${signature}`)).toBeUndefined();
  });

  it('tells JWT-shaped tokens from opaque secret tokens', async () => {
    expect(EntraJwtVerifier.looksLikeJwt(await sign())).toBe(true);
    expect(EntraJwtVerifier.looksLikeJwt('scimhub_abcdefABCDEF0123456789-_xyz')).toBe(false);
  });
});
