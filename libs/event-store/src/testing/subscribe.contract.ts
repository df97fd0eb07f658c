import { EventStoreUnavailable, WaitForTimeout } from '../event-store.errors';
import type { EventIdentity, RecordedEvent, Subscription } from '../event-store.port';
import { type ContractContext, collector, ids, newEvent, newEvents, readAllUntil, uniquePrefix } from './contract-fixtures';

/** Catch-up subscriptions: from the start or a position, live appends, waitFor, failures and stop. */
export function subscribeContract(ctx: ContractContext): void {
  const running: Subscription[] = [];
  const track = (s: Subscription): Subscription => {
    running.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  it('delivers existing events from the start, then later appends, in log order', async () => {
    const prefix = uniquePrefix();
    const before = newEvents(3);
    await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', before);
    const seen = collector();
    const sub = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle: seen.handle, batchSize: 2 }));
    const later = newEvents(2);
    const result = await ctx.store().appendToStream(`${prefix}Group/1`, 'no_stream', later);
    await sub.waitFor(result.position);
    expect(ids(seen.seen)).toEqual(ids([...before, ...later]));
    expect(sub.position).toEqual(result.position);
  });

  it('starts after a given position and delivers nothing at or before it', async () => {
    const prefix = uniquePrefix();
    await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', newEvents(2));
    const mark = await ctx.store().appendToStream(`${prefix}User/2`, 'no_stream', newEvents(1));
    const tail = newEvents(2);
    const last = await ctx.store().appendToStream(`${prefix}User/3`, 'no_stream', tail);
    const seen = collector();
    const sub = track(ctx.store().subscribe({ streamPrefixes: [prefix], after: mark.position, handle: seen.handle }));
    await sub.waitFor(last.position);
    expect(ids(seen.seen)).toEqual(ids(tail));
  });

  it('waitFor resolves for a position in a stream the subscription filters out', async () => {
    const prefix = uniquePrefix();
    const seen = collector();
    const sub = track(ctx.store().subscribe({ streamPrefixes: [`${prefix}User/`], handle: seen.handle }));
    const skipped = await ctx.store().appendToStream(`${prefix}Unique/userName/x`, 'no_stream', [newEvent()]);
    await sub.waitFor(skipped.position);
    expect(seen.seen).toEqual([]);
  });

  it('hands over only the events `accepts` takes, passes the rest over and never calls handle with nothing', async () => {
    const prefix = uniquePrefix();
    const seen = collector();
    const batches: number[] = [];
    const handle = (events: RecordedEvent[]) => {
      batches.push(events.length);
      return seen.handle(events);
    };
    const accepts = ({ streamId, type }: EventIdentity) => streamId.includes('/Target/') || type === 'Wanted';
    const sub = track(ctx.store().subscribe({ streamPrefixes: [prefix], accepts, handle, batchSize: 2 }));
    const other = await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', newEvents(3));
    await sub.waitFor(other.position);
    expect(seen.seen).toEqual([]);
    const target = newEvents(1);
    const wanted = newEvent('Wanted');
    await ctx.store().appendToStream(`${prefix}Target/1`, 'no_stream', target);
    await ctx.store().appendToStream(`${prefix}User/2`, 'no_stream', [newEvent(), wanted, newEvent()]);
    const last = await ctx.store().appendToStream(`${prefix}User/3`, 'no_stream', newEvents(2));
    await sub.waitFor(last.position);
    expect(ids(seen.seen)).toEqual(ids([...target, wanted]));
    expect(seen.seen.map((e) => e.type)).toEqual([target[0].type, 'Wanted']);
    expect(batches.every((n) => n > 0)).toBe(true);
  });

  it('waitFor rejects with WaitForTimeout when the position is never reached', async () => {
    const prefix = uniquePrefix();
    const head = await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', [newEvent()]);
    const sub = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle: () => undefined }));
    const far = { commit: head.position.commit + 10n ** 15n, prepare: head.position.prepare + 10n ** 15n };
    await expect(sub.waitFor(far, 150)).rejects.toBeInstanceOf(WaitForTimeout);
  });

  it('redelivers a batch whose handler failed, reports the error and loses nothing', async () => {
    const prefix = uniquePrefix();
    const errors: unknown[] = [];
    const seen = collector();
    let failures = 1;
    const handle = (events: RecordedEvent[]) => {
      if (failures-- > 0) throw new Error('projection failed');
      seen.handle(events);
    };
    const events = newEvents(3);
    const result = await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', events);
    const sub = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle, onError: (e) => errors.push(e) }));
    await sub.waitFor(result.position);
    expect(errors).toHaveLength(1);
    expect(ids(seen.seen)).toEqual(ids(events));
  });

  it('delivers nothing after stop() has resolved, and waitFor then rejects', async () => {
    const prefix = uniquePrefix();
    const stopped = collector();
    const witness = collector();
    const first = await ctx.store().appendToStream(`${prefix}User/1`, 'no_stream', [newEvent()]);
    const sub = ctx.store().subscribe({ streamPrefixes: [prefix], handle: stopped.handle });
    const other = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle: witness.handle }));
    await sub.waitFor(first.position);
    await sub.stop();
    await sub.stop();
    const second = await ctx.store().appendToStream(`${prefix}User/2`, 'no_stream', [newEvent()]);
    await other.waitFor(second.position);
    expect(witness.seen).toHaveLength(2);
    expect(stopped.seen).toHaveLength(1);
    await expect(sub.waitFor(second.position, 100)).rejects.toBeInstanceOf(EventStoreUnavailable);
  });

  it('two subscriptions see the same events in the same order', async () => {
    const prefix = uniquePrefix();
    const a = collector();
    const b = collector();
    const subA = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle: a.handle, batchSize: 3 }));
    const appends = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ctx.store().appendToStream(`${prefix}User/${i}`, 'no_stream', newEvents(2))),
    );
    const subB = track(ctx.store().subscribe({ streamPrefixes: [prefix], handle: b.handle }));
    const log = await readAllUntil(ctx.store(), prefix, 10);
    const last = log[log.length - 1].position;
    await Promise.all([subA.waitFor(last), subB.waitFor(last)]);
    expect(appends).toHaveLength(5);
    expect(ids(a.seen)).toEqual(ids(log));
    expect(ids(b.seen)).toEqual(ids(log));
  });
}
