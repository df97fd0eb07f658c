import { InvalidTokenRequest } from '../access.errors';
import { TOKEN_PREFIX } from '../token.crypto';
import type { TokenStore } from '../token-store.port';

type Store = () => TokenStore;

/**
 * The TokenStore contract, written once and run against every adapter. `open` returns a fresh, empty store
 * (a new file, a new schema); `cleanup` removes what the suite created.
 */
export function tokenStoreContract(name: string, open: () => Promise<TokenStore>, cleanup?: () => Promise<void>): void {
  describe(`TokenStore contract: ${name}`, () => {
    let opened: TokenStore | undefined;
    const store: Store = () => {
      if (!opened) throw new Error('contract store is not open');
      return opened;
    };
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.close();
      await cleanup?.();
    });
    describe('create, list, verify', () => lifecycleCases(store));
    describe('revocation and bootstrap', () => revocationCases(store));
    describe('tenants and validation', () => tenantCases(store));
  });
}

function lifecycleCases(store: Store): void {
  it('starts empty, so the first start is detectable', async () => {
    expect(await store().hasAnyToken()).toBe(false);
    expect(await store().list()).toEqual([]);
  });

  it('creates a 256-bit random token, returned once, that verifies to its tenant', async () => {
    const created = await store().create('acme', 'entra prod');
    expect(created.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(created.token.slice(TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(created).toMatchObject({ tenant: 'acme', label: 'entra prod' });
    expect(created.id).toMatch(/^tok_[0-9a-f]{16}$/);
    expect(await store().verify(created.token)).toEqual({ tenant: 'acme', tokenId: created.id });
    expect(await store().hasAnyToken()).toBe(true);
  });

  it('never lists the secret or its hash', async () => {
    const created = await store().create('list-a', 'x');
    expect((await store().list('list-a'))[0]).toEqual({ id: created.id, tenant: 'list-a', label: 'x', createdAt: created.createdAt });
    expect(JSON.stringify(await store().list())).not.toContain(created.token);
  });

  it('lists all tenants or one, oldest first', async () => {
    const a1 = await store().create('order-a', 'first');
    const b1 = await store().create('order-b', 'other tenant');
    const a2 = await store().create('order-a', 'second');
    expect((await store().list('order-a')).map((t) => t.id)).toEqual([a1.id, a2.id]);
    const all = (await store().list()).map((t) => t.id);
    expect(all).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(all.indexOf(a1.id)).toBeLessThan(all.indexOf(a2.id));
  });

  it('refuses unknown, altered, empty and oversized tokens', async () => {
    const created = await store().create('acme', 'y');
    const last = created.token.at(-1) === 'A' ? 'B' : 'A';
    expect(await store().verify(created.token.slice(0, -1) + last)).toBeUndefined();
    expect(await store().verify(`${TOKEN_PREFIX}unknown`)).toBeUndefined();
    expect(await store().verify('')).toBeUndefined();
    expect(await store().verify('x'.repeat(5000))).toBeUndefined();
  });
}

function revocationCases(store: Store): void {
  it('revokes: the token stops verifying, stays listed with revokedAt, and revoking again says false', async () => {
    const created = await store().create('rev', 'to revoke');
    expect(await store().revoke(created.id)).toBe(true);
    expect(await store().verify(created.token)).toBeUndefined();
    const listed = (await store().list('rev'))[0];
    expect(Date.parse(listed.revokedAt ?? '')).not.toBeNaN();
    expect(await store().revoke(created.id)).toBe(false);
    expect(await store().revoke('tok_0000000000000000')).toBe(false);
  });

  it('ensures the bootstrap token exactly once, and keeps it revoked once revoked', async () => {
    const secret = 'b'.repeat(40);
    const first = await store().ensureBootstrapToken('default', secret);
    expect(first.created).toBe(true);
    expect(await store().verify(secret)).toEqual({ tenant: 'default', tokenId: first.id });
    expect(await store().ensureBootstrapToken('default', secret)).toEqual({ id: first.id, created: false });
    expect((await store().list('default')).filter((t) => t.id === first.id)).toHaveLength(1);
    await store().revoke(first.id);
    expect(await store().ensureBootstrapToken('default', secret)).toEqual({ id: first.id, created: false });
    expect(await store().verify(secret)).toBeUndefined();
  });
}

function tenantCases(store: Store): void {
  it('keeps tenants apart: a token authenticates only its own tenant', async () => {
    const a = await store().create('iso-a', 'a');
    const b = await store().create('iso-b', 'b');
    expect((await store().verify(a.token))?.tenant).toBe('iso-a');
    expect((await store().verify(b.token))?.tenant).toBe('iso-b');
    expect((await store().list('iso-a')).map((t) => t.tenant)).toEqual(['iso-a']);
  });

  it.each(['', 'Acme', 'a/b', 'a b', '-x', 'x'.repeat(64)])('refuses the tenant %j', async (tenant) => {
    await expect(store().create(tenant, 'x')).rejects.toThrow(InvalidTokenRequest);
  });

  it('refuses an oversized label', async () => {
    await expect(store().create('acme', 'l'.repeat(201))).rejects.toThrow(InvalidTokenRequest);
  });
}
