import { SharedReads } from './shared-reads';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SharedReads', () => {
  it('shares a read in flight between callers of the same key, not of another key', async () => {
    const reads = new SharedReads<string>();
    const pending = deferred<string>();
    const load = jest.fn(() => pending.promise);
    const other = jest.fn(async () => 'other');
    const first = reads.read('a', load);
    const second = reads.read('a', load);
    const third = reads.read('b', other);
    pending.resolve('page');
    expect(await Promise.all([first, second, third])).toEqual(['page', 'page', 'other']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('reads afresh once the shared read has settled, also after it failed', async () => {
    const reads = new SharedReads<number>();
    let n = 0;
    const failing = deferred<number>();
    const first = reads.read('a', () => failing.promise);
    const joined = reads.read('a', async () => -1);
    failing.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await expect(joined).rejects.toThrow('down');
    expect(await reads.read('a', async () => ++n)).toBe(1);
    expect(await reads.read('a', async () => ++n)).toBe(2);
  });
});
