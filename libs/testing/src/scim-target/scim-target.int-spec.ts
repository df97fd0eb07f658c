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
    const rejected = await fetch(`${target.baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bad@x.test' }),
    });
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ scimType: 'invalidValue' });
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
      expect(await target.stats()).toEqual({ users: 1, groups: 0, requests: 1, userCreates: 1, groupCreates: 0 });
    } finally {
      await target.stop();
    }
  });
});

describe('SCIM test target options and observers', () => {
  it('never faults the test\'s own calls, and logs them as the observer\'s', async () => {
    const target = await startScimTarget();
    try {
      await target.fault({ throttle: { count: 1, retryAfter: 2 }, reject: ['bad@x.test'] });
      expect((await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bad@x.test' })).status).toBe(201);
      const client = await fetch(`${target.baseUrl}/Users`, { headers: { authorization: `Bearer ${target.token}` } });
      expect(client.status).toBe(429);
      expect((await target.requests()).map((r) => [r.status, r.observer ?? false])).toEqual([
        [201, true],
        [429, false],
      ]);
    } finally {
      await target.stop();
    }
  });

  it('can advertise no PATCH, and pages with startIndex and count', async () => {
    const target = await startScimTarget({ patch: false });
    try {
      expect((await target.scim('GET', '/ServiceProviderConfig')).body.patch.supported).toBe(false);
      for (const name of ['a', 'b', 'c']) await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${name}@x.test` });
      const page = (await target.scim('GET', '/Users?startIndex=2&count=1')).body;
      expect({ total: page.totalResults, returned: page.Resources.length, startIndex: page.startIndex }).toEqual({ total: 3, returned: 1, startIndex: 2 });
      expect((await target.list('Users')).map((u) => u['userName']).sort()).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
    } finally {
      await target.stop();
    }
  });
});
