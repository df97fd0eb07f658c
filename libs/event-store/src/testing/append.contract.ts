import { StreamRevisionConflict } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { type ContractContext, ids, newEvent, newEvents, readAllUntil, uniquePrefix } from './contract-fixtures';

async function expectConflict(promise: Promise<unknown>, expected: ExpectedRevision, actual: number | 'no_stream') {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamRevisionConflict);
  expect(error).toMatchObject({ expected, actual });
}

/** Appends: expected revisions, conflicts, idempotent retries and read-your-write. */
export function appendContract(ctx: ContractContext): void {
  it('appends to a new stream and reads the events back with revisions from 0', async () => {
    const stream = `${uniquePrefix()}User/1`;
    const events = newEvents(2, 'UserCreated');
    const result = await ctx.store().appendToStream(stream, 'no_stream', events);
    expect(result).toMatchObject({ streamId: stream, nextExpectedRevision: 1 });
    const read = await ctx.store().readStream(stream);
    expect(read.map((e) => [e.id, e.type, e.revision, e.streamId])).toEqual([
      [events[0].id, 'UserCreated', 0, stream],
      [events[1].id, 'UserCreated', 1, stream],
    ]);
    expect(read[1].position).toEqual(result.position);
    expect(Number.isNaN(Date.parse(read[0].recordedAt))).toBe(false);
  });

  it('expected revision "any" appends to a new and to an existing stream', async () => {
    const stream = `${uniquePrefix()}User/any`;
    expect((await ctx.store().appendToStream(stream, 'any', [newEvent()])).nextExpectedRevision).toBe(0);
    expect((await ctx.store().appendToStream(stream, 'any', newEvents(2))).nextExpectedRevision).toBe(2);
  });

  it('"no_stream" conflicts on an existing stream and reports its revision', async () => {
    const stream = `${uniquePrefix()}User/ns`;
    await ctx.store().appendToStream(stream, 'no_stream', [newEvent()]);
    await expectConflict(ctx.store().appendToStream(stream, 'no_stream', [newEvent()]), 'no_stream', 0);
  });

  it('"stream_exists" conflicts on a missing stream and succeeds on an existing one', async () => {
    const stream = `${uniquePrefix()}User/se`;
    await expectConflict(ctx.store().appendToStream(stream, 'stream_exists', [newEvent()]), 'stream_exists', 'no_stream');
    await ctx.store().appendToStream(stream, 'no_stream', [newEvent()]);
    expect((await ctx.store().appendToStream(stream, 'stream_exists', [newEvent()])).nextExpectedRevision).toBe(1);
  });

  it('an exact revision succeeds at the current revision and conflicts behind, ahead or on no stream', async () => {
    const stream = `${uniquePrefix()}User/exact`;
    await expectConflict(ctx.store().appendToStream(stream, 0, [newEvent()]), 0, 'no_stream');
    await ctx.store().appendToStream(stream, 'no_stream', newEvents(3));
    await expectConflict(ctx.store().appendToStream(stream, 1, [newEvent()]), 1, 2);
    await expectConflict(ctx.store().appendToStream(stream, 5, [newEvent()]), 5, 2);
    expect((await ctx.store().appendToStream(stream, 2, [newEvent()])).nextExpectedRevision).toBe(3);
  });

  it('a conflicting append writes nothing', async () => {
    const prefix = uniquePrefix();
    const stream = `${prefix}User/nothing`;
    await ctx.store().appendToStream(stream, 'no_stream', [newEvent()]);
    await expect(ctx.store().appendToStream(stream, 7, newEvents(3))).rejects.toBeInstanceOf(StreamRevisionConflict);
    expect(await ctx.store().readStream(stream)).toHaveLength(1);
    expect(await readAllUntil(ctx.store(), prefix, 1)).toHaveLength(1);
  });

  it('an acknowledged append is read back at once by readStream and (eventually) by readAll', async () => {
    const prefix = uniquePrefix();
    const stream = `${prefix}Group/ryw`;
    const events = newEvents(3);
    await ctx.store().appendToStream(stream, 'no_stream', events);
    expect(ids(await ctx.store().readStream(stream))).toEqual(ids(events));
    expect(ids(await readAllUntil(ctx.store(), prefix, 3))).toEqual(ids(events));
  });

  it('retrying an append with the same event ids returns the first result and writes nothing', async () => {
    const stream = `${uniquePrefix()}User/retry`;
    const first = newEvents(2);
    const created = await ctx.store().appendToStream(stream, 'no_stream', first);
    expect(await ctx.store().appendToStream(stream, 'no_stream', first)).toEqual(created);
    const second = [newEvent()];
    const updated = await ctx.store().appendToStream(stream, 1, second);
    expect(await ctx.store().appendToStream(stream, 1, second)).toEqual(updated);
    expect(ids(await ctx.store().readStream(stream))).toEqual(ids([...first, ...second]));
  });

  it('rejects an append without events or with a bad revision', async () => {
    const stream = `${uniquePrefix()}User/bad`;
    await expect(ctx.store().appendToStream(stream, 'any', [])).rejects.toBeInstanceOf(TypeError);
    await expect(ctx.store().appendToStream(stream, -2, [newEvent()])).rejects.toBeInstanceOf(TypeError);
    await expect(ctx.store().appendToStream('', 'any', [newEvent()])).rejects.toBeInstanceOf(TypeError);
    expect(await ctx.store().readStream(stream)).toEqual([]);
  });

  it('of N concurrent appends at the same exact revision exactly one wins, the others conflict', async () => {
    const stream = `${uniquePrefix()}User/race`;
    await ctx.store().appendToStream(stream, 'no_stream', [newEvent()]);
    const writers = 8;
    const outcomes = await Promise.allSettled(
      Array.from({ length: writers }, () => ctx.store().appendToStream(stream, 0, [newEvent()])),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(writers - 1);
    for (const o of lost) expect(o.reason).toMatchObject({ name: 'StreamRevisionConflict', actual: 1 });
    expect(await ctx.store().readStream(stream)).toHaveLength(2);
  });

  it('of N concurrent creations of one stream exactly one wins', async () => {
    const stream = `${uniquePrefix()}Unique/userName/alice`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => ctx.store().appendToStream(stream, 'no_stream', [newEvent()])),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await ctx.store().readStream(stream)).toHaveLength(1);
  });
}
