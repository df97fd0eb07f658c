// The bus contract: one suite, run against every adapter of the messaging port (log-backed and Kafka).
import { until } from '@scim-hub/testing';
import { RecordingConsumer, revisionsByStream, uniqueGroup, uniqueStreams, type BusUnderTest } from './bus-contract.fixtures';

/** Registers the bus contract tests; `subject()` returns the adapter set up in the caller's beforeAll. */
export function busContract(subject: () => BusUnderTest): void {
  const running: RecordingConsumer[] = [];
  const consumer = (streams: readonly string[]) => {
    const c = new RecordingConsumer(streams);
    running.push(c);
    return c;
  };
  const wait = (condition: () => boolean, what: string) => until(condition, what, subject().waitMs, 20);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });

  it('delivers each stream in revision order', async () => {
    const streams = uniqueStreams(4);
    const events = await subject().emit(streams, 15);
    const c = await consumer(streams).start(subject().bus, uniqueGroup());
    await wait(() => c.hasAll(events), 'every event delivered');
    for (const [stream, revisions] of revisionsByStream(c.received)) {
      expect({ stream, revisions }).toEqual({ stream, revisions: [...revisions].sort((a, b) => a - b) });
    }
    expect(c.ids().size).toBe(events.length);
  });

  it('delivers again what a consumer handled but never committed, to the next member of its group', async () => {
    const streams = uniqueStreams(3);
    const events = await subject().emit(streams, 5);
    const group = uniqueGroup();
    let attempted = 0;
    const dying = await consumer(streams).start(subject().bus, group, {
      handle: async (batch) => {
        attempted += batch.length;
        if (batch.length > 0) throw new Error('died before committing');
      },
      onError: () => undefined,
    });
    await wait(() => attempted > 0, 'the first member was handed the events');
    await dying.stop();
    const next = await consumer(streams).start(subject().bus, group);
    await wait(() => next.hasAll(events), 'the uncommitted events delivered again');
    expect(dying.received).toEqual([]);
    expect(next.ids().size).toBe(events.length);
  });

  it('does not deliver again what a member of the group committed', async () => {
    const streams = uniqueStreams(3);
    const first = await subject().emit(streams, 5);
    const group = uniqueGroup();
    const a = await consumer(streams).start(subject().bus, group);
    await wait(() => a.hasAll(first), 'the first events handled');
    await a.stop();
    const second = await subject().emit(streams, 5);
    const b = await consumer(streams).start(subject().bus, group);
    await wait(() => b.hasAll(second), 'the later events handled');
    const redelivered = first.filter((e) => b.ids().has(e.id));
    expect(redelivered).toEqual([]);
  });

  it('gives every consumer group every event', async () => {
    const streams = uniqueStreams(3);
    const events = await subject().emit(streams, 6);
    const [g1, g2] = [uniqueGroup(), uniqueGroup()];
    const one = await consumer(streams).start(subject().bus, g1);
    const two = await consumer(streams).start(subject().bus, g2);
    await wait(() => one.hasAll(events) && two.hasAll(events), 'both groups handled everything');
    expect(one.ids().size).toBe(events.length);
    expect(two.ids().size).toBe(events.length);
  });

  it('loses nothing when a member joins or leaves the group', async () => {
    const streams = uniqueStreams(6);
    const group = uniqueGroup();
    const a = await consumer(streams).start(subject().bus, group);
    const before = await subject().emit(streams, 4);
    await wait(() => a.received.length > 0, 'the first member started handling');
    const b = await consumer(streams).start(subject().bus, group);
    const during = await subject().emit(streams, 4);
    const seenByGroup = () => new Set([...a.ids(), ...b.ids()]);
    await wait(() => [...before, ...during].every((e) => seenByGroup().has(e.id)), 'everything handled after the join');
    await a.stop();
    const after = await subject().emit(streams, 4);
    await wait(() => after.every((e) => b.ids().has(e.id)), 'the remaining member handled what followed the leave');
    const all = [...before, ...during, ...after];
    expect(all.filter((e) => !seenByGroup().has(e.id))).toEqual([]);
  });
}
