import { randomBytes } from 'node:crypto';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { SecretCipher } from './secret-cipher';
import { parseTargetBody } from './target-body.validator';
import { TargetRegistry } from './target-registry';
import { applyTargets, parseTargetsFile, TargetsFileError } from './targets-file';

const target = (id: string, over: Record<string, unknown> = {}) => ({ id, baseUrl: 'http://127.0.0.1:9/scim/v2', auth: { type: 'bearer', token: `token-of-${id}` }, ...over });

describe('HUB_TARGETS_FILE', () => {
  it.each([
    ['{', 'HUB_TARGETS_FILE /etc/t.json: not valid JSON'],
    ['{"id":"t1"}', 'HUB_TARGETS_FILE /etc/t.json: must be a JSON array of target bodies'],
    [JSON.stringify([target('t1'), target('t2', { baseUrl: 'nope' })]), 'HUB_TARGETS_FILE /etc/t.json: [1].baseUrl must be an http(s) URL'],
    [JSON.stringify([target('t1', { auth: { type: 'basic' } })]), 'HUB_TARGETS_FILE /etc/t.json: [0].auth.type must be bearer or oauth2'],
    [JSON.stringify([target('t1'), target('t1')]), 'HUB_TARGETS_FILE /etc/t.json: [1].id repeats target t1'],
  ])('refuses %s naming the file, the index and the field', (text, message) => {
    expect(() => parseTargetsFile(text, '/etc/t.json')).toThrow(TargetsFileError);
    expect(() => parseTargetsFile(text, '/etc/t.json')).toThrow(message);
  });

  it('adds, changes, leaves unchanged ones alone and reports targets it does not list', async () => {
    const store = createInMemoryEventStore();
    const registry = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)));
    await registry.add(parseTargetBody(target('manual')), { actor: 'admin' });
    const first = await applyTargets(registry, parseTargetsFile(JSON.stringify([target('a'), target('b')]), 'f'), { actor: 'file' });
    expect(first).toEqual({ added: ['a', 'b'], changed: [], unchanged: [], notInFile: ['manual'] });
    const second = await applyTargets(registry, parseTargetsFile(JSON.stringify([target('a'), target('b', { concurrency: 2 })]), 'f'), { actor: 'file' });
    expect(second).toEqual({ added: [], changed: ['b'], unchanged: ['a'], notInFile: ['manual'] });
    expect(await store.readStream('default/Target/a')).toHaveLength(1);
    expect(registry.view('b')).toMatchObject({ concurrency: 2, meta: { lastModifiedBy: 'file' } });
    await registry.close();
  });

  it('lets two replicas apply the same file at once: one writes, the other finds it done', async () => {
    const store = createInMemoryEventStore();
    const cipher = new SecretCipher(randomBytes(32));
    const [a, b] = await Promise.all([TargetRegistry.open(store, cipher), TargetRegistry.open(store, cipher)]);
    const inputs = parseTargetsFile(JSON.stringify([target('x'), target('y')]), 'f');
    const outcomes = await Promise.all([applyTargets(a, inputs, { actor: 'file' }), applyTargets(b, inputs, { actor: 'file' })]);
    expect(outcomes.flatMap((o) => o.added).sort()).toEqual(['x', 'y']);
    expect(outcomes.flatMap((o) => o.unchanged).sort()).toEqual(['x', 'y']);
    expect(await store.readStream('default/Target/x')).toHaveLength(1);
    expect(await store.readStream('default/Target/y')).toHaveLength(1);
    await a.close();
    await b.close();
  });
});
