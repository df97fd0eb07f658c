import { randomBytes } from 'node:crypto';
import type { EventStore } from '@scim-hub/event-store';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { until } from '@scim-hub/testing';
import { SecretCipher } from './secret-cipher';
import { parseTargetBody } from './target-body.validator';
import { TargetRegistry } from './target-registry';
import { SecretsKeyMissing, TargetExists, TargetNotFound } from './target-registry.errors';

const TOKEN = 'bearer-token-for-t1-abcd';
const body = (over: Record<string, unknown> = {}) =>
  parseTargetBody({ id: 't1', baseUrl: 'http://127.0.0.1:9/scim/v2', auth: { type: 'bearer', token: TOKEN }, ...over });
const META = { actor: 'admin', requestId: 'req-1' };

describe('TargetRegistry', () => {
  let store: EventStore;
  let cipher: SecretCipher;
  let registry: TargetRegistry;

  beforeEach(async () => {
    store = createInMemoryEventStore();
    cipher = new SecretCipher(randomBytes(32));
    registry = await TargetRegistry.open(store, cipher);
  });
  afterEach(async () => {
    await registry.close();
    await store.close();
  });

  it('adds a target as an audited TargetAdded event with the token sealed', async () => {
    const view = await registry.add(body(), META);
    expect(view).toMatchObject({ id: 't1', tenant: 'default', auth: { type: 'bearer', token: '…abcd' }, meta: { version: 0, lastModifiedBy: 'admin' } });
    const [event] = await store.readStream('default/Target/t1');
    expect(event).toMatchObject({ type: 'TargetAdded', metadata: { tenant: 'default', actor: 'admin', requestId: 'req-1', time: expect.any(String) } });
    expect(JSON.stringify(event.data)).not.toContain(TOKEN);
    expect(await registry.list()).toEqual([expect.objectContaining({ id: 't1', auth: { type: 'bearer', token: TOKEN } })]);
  });

  it('refuses a second target with the same id, also in another tenant', async () => {
    await registry.add(body(), META);
    await expect(registry.add(body({ tenant: 'acme' }), META)).rejects.toBeInstanceOf(TargetExists);
  });

  it('changes a target, keeping the stored secret when the change leaves it out', async () => {
    await registry.add(body(), META);
    const input = parseTargetBody({ id: 't1', baseUrl: 'http://127.0.0.1:10/scim', auth: { type: 'bearer' } }, { secrets: 'optional' });
    const { view, changed } = await registry.change('t1', input, { actor: 'cli' });
    expect(changed).toBe(true);
    expect(view).toMatchObject({ baseUrl: 'http://127.0.0.1:10/scim', meta: { version: 1, lastModifiedBy: 'cli' } });
    expect(registry.definition('t1')?.auth).toEqual({ type: 'bearer', token: TOKEN });
  });

  it('writes nothing for a change that changes nothing', async () => {
    await registry.add(body(), META);
    expect((await registry.change('t1', body(), META)).changed).toBe(false);
    expect(await store.readStream('default/Target/t1')).toHaveLength(1);
  });

  it('moves a target to another tenant as a removal and an addition', async () => {
    await registry.add(body(), META);
    await registry.change('t1', body({ tenant: 'acme' }), META);
    expect((await store.readStream('default/Target/t1')).map((e) => e.type)).toEqual(['TargetAdded', 'TargetRemoved']);
    expect(registry.views('acme').map((v) => v.id)).toEqual(['t1']);
    expect(registry.views('default')).toEqual([]);
  });

  it('removes a target and can add it again on the same stream', async () => {
    await registry.add(body(), META);
    await registry.remove('t1', META);
    expect(registry.view('t1')).toBeUndefined();
    await expect(registry.remove('t1', META)).rejects.toBeInstanceOf(TargetNotFound);
    await registry.add(body(), META);
    expect((await store.readStream('default/Target/t1')).map((e) => e.type)).toEqual(['TargetAdded', 'TargetRemoved', 'TargetAdded']);
  });

  it('is rebuilt from the log by a new registry, and follows writes made through another one', async () => {
    await registry.add(body(), META);
    const other = await TargetRegistry.open(store, cipher);
    expect(other.views().map((v) => v.id)).toEqual(['t1']);
    const notified = jest.fn();
    other.subscribe(notified);
    await registry.add(body({ id: 't2' }), META);
    await until(() => other.view('t2') !== undefined, 'second registry sees t2');
    expect(notified).toHaveBeenCalled();
    await other.close();
  });

  it('lists targets by tenant, ordered by id', async () => {
    await registry.add(body({ id: 'b', tenant: 'acme' }), META);
    await registry.add(body({ id: 'a', tenant: 'acme' }), META);
    await registry.add(body({ id: 'c' }), META);
    expect(registry.views('acme').map((v) => v.id)).toEqual(['a', 'b']);
    expect(registry.views().map((v) => v.id)).toEqual(['a', 'b', 'c']);
  });

  it('leaves a target whose secret it cannot open out of list() and reports it', async () => {
    await registry.add(body(), META);
    const errors: string[] = [];
    const wrongKey = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)), { onError: (_e, id) => void errors.push(String(id)) });
    expect(await wrongKey.list()).toEqual([]);
    expect(errors).toEqual(['t1']);
    expect(wrongKey.views().map((v) => v.id)).toEqual(['t1']);
    await wrongKey.close();
  });

  it('refuses writes without a key, but still shows masked views', async () => {
    await registry.add(body(), META);
    const keyless = await TargetRegistry.open(store, undefined);
    expect(keyless.view('t1')?.auth).toEqual({ type: 'bearer', token: '…abcd' });
    await expect(keyless.add(body({ id: 't9' }), META)).rejects.toBeInstanceOf(SecretsKeyMissing);
    await keyless.close();
  });
});
