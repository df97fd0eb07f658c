import { StreamRevisionConflict } from '../event-store.errors';
import { comparePositions } from '../position';
import { type ContractContext, ids, newEvent, newEvents, readAllUntil, uniquePrefix } from './contract-fixtures';

/** Multi-stream appends: results per stream, and atomicity exactly as `capabilities` declares it. */
export function appendMultiContract(ctx: ContractContext): void {
  it('appends to several streams and returns one result per request, in order', async () => {
    const prefix = uniquePrefix();
    const user = `${prefix}User/1`;
    const reservation = `${prefix}Unique/userName/bob`;
    const userEvents = newEvents(2);
    const reservationEvents = [newEvent('UserNameReserved')];
    const results = await ctx.store().appendMulti([
      { streamId: user, expectedRevision: 'no_stream', events: userEvents },
      { streamId: reservation, expectedRevision: 'no_stream', events: reservationEvents },
    ]);
    expect(results.map((r) => [r.streamId, r.nextExpectedRevision])).toEqual([
      [user, 1],
      [reservation, 0],
    ]);
    expect(comparePositions(results[0].position, results[1].position)).toBeLessThan(0);
    expect(ids(await readAllUntil(ctx.store(), prefix, 3))).toEqual(ids([...userEvents, ...reservationEvents]));
  });

  it('rejects a request list that names a stream twice; an empty list appends nothing', async () => {
    const stream = `${uniquePrefix()}User/twice`;
    const request = { streamId: stream, expectedRevision: 'any' as const, events: [newEvent()] };
    await expect(ctx.store().appendMulti([request, { ...request, events: [newEvent()] }])).rejects.toBeInstanceOf(TypeError);
    expect(await ctx.store().readStream(stream)).toEqual([]);
    expect(await ctx.store().appendMulti([])).toEqual([]);
  });

  it('on a conflict in a later stream: nothing is written if atomic, else the earlier streams stay written', async () => {
    const prefix = uniquePrefix();
    const taken = `${prefix}Unique/userName/carol`;
    await ctx.store().appendToStream(taken, 'no_stream', [newEvent('UserNameReserved')]);
    const user = `${prefix}User/2`;
    const attempt = ctx.store().appendMulti([
      { streamId: user, expectedRevision: 'no_stream', events: newEvents(2) },
      { streamId: taken, expectedRevision: 'no_stream', events: [newEvent('UserNameReserved')] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(StreamRevisionConflict);
    await expect(attempt).rejects.toMatchObject({ streamId: taken, actual: 0 });
    const expectedUserEvents = ctx.store().capabilities.atomicMultiStreamAppend ? 0 : 2;
    expect(await ctx.store().readStream(user)).toHaveLength(expectedUserEvents);
    expect(await ctx.store().readStream(taken)).toHaveLength(1);
  });

  it('on a conflict in the first stream nothing is written', async () => {
    const prefix = uniquePrefix();
    const taken = `${prefix}Unique/userName/dave`;
    await ctx.store().appendToStream(taken, 'no_stream', [newEvent()]);
    const other = `${prefix}User/3`;
    await expect(
      ctx.store().appendMulti([
        { streamId: taken, expectedRevision: 'no_stream', events: [newEvent()] },
        { streamId: other, expectedRevision: 'no_stream', events: [newEvent()] },
      ]),
    ).rejects.toBeInstanceOf(StreamRevisionConflict);
    expect(await ctx.store().readStream(other)).toEqual([]);
  });

  it('appends only while every condition holds; a condition stream is read, never written', async () => {
    const prefix = uniquePrefix();
    const member = `${prefix}User/m1`;
    const group = `${prefix}Group/g1`;
    await ctx.store().appendToStream(member, 'no_stream', [newEvent('UserCreated')]);
    const ok = await ctx.store().appendMulti([{ streamId: group, expectedRevision: 'no_stream', events: [newEvent('GroupCreated')] }], [
      { streamId: member, expectedRevision: 0 },
    ]);
    expect(ok.map((r) => [r.streamId, r.nextExpectedRevision])).toEqual([[group, 0]]);
    expect(await ctx.store().readStream(member)).toHaveLength(1);

    await ctx.store().appendToStream(member, 0, [newEvent('UserDeleted')]);
    const stale = ctx.store().appendMulti([{ streamId: group, expectedRevision: 0, events: [newEvent('GroupMembersAdded')] }], [
      { streamId: member, expectedRevision: 0 },
    ]);
    await expect(stale).rejects.toBeInstanceOf(StreamRevisionConflict);
    await expect(stale).rejects.toMatchObject({ streamId: member, actual: 1 });
    expect(await ctx.store().readStream(group)).toHaveLength(1);
  });

  it('refuses a condition on a stream the append also writes, and conditions without an append', async () => {
    const stream = `${uniquePrefix()}Group/self`;
    const request = { streamId: stream, expectedRevision: 'any' as const, events: [newEvent()] };
    await expect(ctx.store().appendMulti([request], [{ streamId: stream, expectedRevision: 'any' }])).rejects.toBeInstanceOf(TypeError);
    await expect(ctx.store().appendMulti([], [{ streamId: stream, expectedRevision: 'any' }])).rejects.toBeInstanceOf(TypeError);
    expect(await ctx.store().readStream(stream)).toEqual([]);
  });
}
