import { MemoryTokenStore } from '../memory';
import { ensureInitialToken, firstTokenBanner } from './initial-token';

describe('ensureInitialToken', () => {
  it('generates one token for tenant default on a first start, and none afterwards', async () => {
    const store = new MemoryTokenStore();
    const first = await ensureInitialToken(store);
    expect(first.kind).toBe('generated');
    if (first.kind !== 'generated') throw new Error('unreachable');
    expect(await store.verify(first.token)).toEqual({ tenant: 'default', tokenId: first.id });
    expect(await ensureInitialToken(store)).toEqual({ kind: 'existing' });
    expect(await store.list()).toHaveLength(1);
  });

  it('does not generate a token when every token was revoked (revocation was deliberate)', async () => {
    const store = new MemoryTokenStore();
    const created = await store.create('acme', 'x');
    await store.revoke(created.id);
    expect(await ensureInitialToken(store)).toEqual({ kind: 'existing' });
  });

  it('registers HUB_BOOTSTRAP_TOKEN for tenant default, once', async () => {
    const store = new MemoryTokenStore();
    const secret = 's'.repeat(32);
    const first = await ensureInitialToken(store, secret);
    expect(first).toMatchObject({ kind: 'bootstrap', created: true });
    expect(await ensureInitialToken(store, secret)).toMatchObject({ kind: 'bootstrap', created: false });
    expect(await store.verify(secret)).toMatchObject({ tenant: 'default' });
    expect(await store.list()).toHaveLength(1);
  });

  it('frames the banner with the token and the Entra instruction', () => {
    const banner = firstTokenBanner('scimhub_x', 'http://localhost:8080/scim/v2');
    expect(banner).toContain('\n    scimhub_x\n');
    expect(banner).toContain('paste this as Secret Token in Entra ID'.replace('paste', 'Paste'));
    expect(banner).toContain('Tenant URL: http://localhost:8080/scim/v2');
  });
});
