import { startScimTarget, type ScimTarget } from './scim-target';

describe('SCIM test target', () => {
  let target: ScimTarget;
  beforeAll(async () => (target = await startScimTarget()));
  afterAll(() => target.stop());

  it('serves SCIM with PATCH and filters, and logs and counts creates', async () => {
    const created = await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'Ann@x.test' });
    expect(created.status).toBe(201);
    const found = await target.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ann@x.test"')}`);
    expect(found.body.Resources.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
    const patched = await target.scim('PATCH', `/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(patched.body.active).toBe(false);
    expect((await target.scim('GET', '/ServiceProviderConfig')).body.patch.supported).toBe(true);
    expect(await target.creates()).toEqual({ 'ann@x.test': 1 });
    expect((await target.requests()).map((r) => [r.method, r.path, r.status])).toContainEqual(['POST', '/Users', 201]);
  });

  it('answers 429 with Retry-After, rejects chosen userNames, and goes down and up keeping its data', async () => {
    await target.fault({ throttle: { count: 1, retryAfter: 2 }, reject: ['bad@x.test'] });
    const res = await fetch(`${target.baseUrl}/Users`, { headers: { authorization: `Bearer ${target.token}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    const rejected = await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bad@x.test' });
    expect(rejected).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    await target.down();
    await expect(fetch(`${target.baseUrl}/Users`)).rejects.toThrow();
    await target.up();
    expect((await target.scim('GET', '/Users')).body.totalResults).toBe(1);
    expect((await target.scim('GET', '/Users', undefined)).status).toBe(200);
  });

  it('refuses a wrong token', async () => {
    const res = await fetch(`${target.baseUrl}/Users`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });
});

describe('SCIM test target marks', () => {
  it('notes the benchmark marks a write carries, and counts what it holds', async () => {
    const target = await startScimTarget();
    try {
      await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'm@x.test', displayName: 'mark-r1-7' });
      const [request] = await target.requests();
      expect(request.marks).toEqual(['mark-r1-7']);
      expect(await target.stats()).toEqual({ users: 1, groups: 0, requests: 1 });
    } finally {
      await target.stop();
    }
  });
});
