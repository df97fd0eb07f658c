import { KeyBatches } from './key-batches';

const keyOf = (subject: string) => Buffer.from(`key of ${subject}`);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// KeyBatches over a store that records each batch and holds the first one until release() is called.
function recordedBatches() {
  const calls: string[][] = [];
  let release!: () => void;
  const firstHeld = new Promise<void>((resolve) => (release = resolve));
  const batches = new KeyBatches(async (subjects) => {
    calls.push(subjects);
    if (calls.length === 1) await firstHeld;
    return new Map(subjects.map((s) => [s, keyOf(s)]));
  });
  return { batches, calls, release };
}

describe('KeyBatches', () => {
  it('creates the keys asked for in one turn of the event loop in one batch, each subject once', async () => {
    const { batches, calls, release } = recordedBatches();
    release();
    const keys = await Promise.all(['a', 'b', 'a', 'c'].map((s) => batches.request(s)));
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(keys.map(String)).toEqual(['key of a', 'key of b', 'key of a', 'key of c']);
  });

  it('puts the requests that arrive while a batch is on its way into the next batch', async () => {
    const { batches, calls, release } = recordedBatches();
    const first = batches.request('a');
    await nextTurn();
    expect(calls).toEqual([['a']]);
    const later = [batches.request('b'), batches.request('c')];
    await nextTurn();
    expect(calls).toEqual([['a']]);
    release();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([['a'], ['b', 'c']]);
  });

  it('joins a request for a subject whose batch is on its way to that batch, and says the subject is pending until it is stored', async () => {
    const { batches, calls, release } = recordedBatches();
    const first = batches.request('a');
    expect(batches.isPending('a')).toBe(true);
    await nextTurn();
    expect(calls).toEqual([['a']]);
    expect(batches.isPending('a')).toBe(true);
    const joined = batches.request('a');
    release();
    expect(String(await joined)).toBe('key of a');
    expect(String(await first)).toBe('key of a');
    expect(calls).toEqual([['a']]);
    expect(batches.isPending('a')).toBe(false);
  });

  it('rejects every request of a failed batch and goes on with the next one', async () => {
    let fail = true;
    const batches = new KeyBatches(async (subjects) => {
      if (fail) throw new Error('store down');
      return new Map(subjects.map((s) => [s, keyOf(s)]));
    });
    await expect(Promise.all([batches.request('a'), batches.request('b')])).rejects.toThrow('store down');
    fail = false;
    await expect(batches.request('a')).resolves.toEqual(keyOf('a'));
  });

  it('rejects a request whose key the batch did not return', async () => {
    const batches = new KeyBatches(async () => new Map());
    await expect(batches.request('a')).rejects.toThrow('no key was stored for a');
  });
});
