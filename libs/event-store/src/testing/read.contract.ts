import { comparePositions } from '../position';
import {
  type ContractContext,
  expectStrictlyIncreasing,
  ids,
  newEvent,
  newEvents,
  readAllUntil,
  uniquePrefix,
} from './contract-fixtures';

/** Reads: one stream in both directions with bounds, the global log with positions and prefixes. */
export function readContract(ctx: ContractContext): void {
  describe('readStream', () => {
    const stream = `${uniquePrefix()}User/read`;
    const events = newEvents(10);
    const revisions = async (options: Parameters<ReturnType<ContractContext['store']>['readStream']>[1]) =>
      (await ctx.store().readStream(stream, options)).map((e) => e.revision);

    beforeAll(async () => {
      await ctx.store().appendToStream(stream, 'no_stream', events.slice(0, 4));
      await ctx.store().appendToStream(stream, 3, events.slice(4));
    });

    it('reads forwards from the first event by default', async () => {
      expect(ids(await ctx.store().readStream(stream))).toEqual(ids(events));
    });

    it('honours fromRevision, toRevision and maxCount forwards', async () => {
      expect(await revisions({ fromRevision: 7 })).toEqual([7, 8, 9]);
      expect(await revisions({ toRevision: 2 })).toEqual([0, 1, 2]);
      expect(await revisions({ fromRevision: 3, toRevision: 5 })).toEqual([3, 4, 5]);
      expect(await revisions({ fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
      expect(await revisions({ fromRevision: 10 })).toEqual([]);
    });

    it('reads backwards from the last event, or from fromRevision down to toRevision', async () => {
      expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([9]);
      expect(await revisions({ direction: 'backwards', fromRevision: 4, maxCount: 3 })).toEqual([4, 3, 2]);
      expect(await revisions({ direction: 'backwards', fromRevision: 6, toRevision: 5 })).toEqual([6, 5]);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await ctx.store().readStream(`${uniquePrefix()}User/none`)).toEqual([]);
      expect(await ctx.store().readStream(`${uniquePrefix()}User/none`, { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('readAll', () => {
    const prefix = uniquePrefix();
    const written: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 6; i++) {
        const group = i % 2 === 0 ? 'User' : 'Group';
        const events = newEvents(2);
        await ctx.store().appendToStream(`${prefix}${group}/${i}`, 'no_stream', events);
        written.push(...ids(events));
      }
      await ctx.store().appendToStream(`${uniquePrefix()}User/other`, 'no_stream', [newEvent()]);
    });

    it('reads every event under a prefix in append order with strictly increasing bigint positions', async () => {
      const all = await readAllUntil(ctx.store(), prefix, written.length);
      expect(ids(all)).toEqual(written);
      for (const e of all) expect(typeof e.position.commit === 'bigint' && typeof e.position.prepare === 'bigint').toBe(true);
      expectStrictlyIncreasing(all);
    });

    it('reads after a position (exclusive) and in pages of maxCount', async () => {
      const all = await readAllUntil(ctx.store(), prefix, written.length);
      const tail = await ctx.store().readAll({ streamPrefixes: [prefix], after: all[3].position });
      expect(ids(tail)).toEqual(written.slice(4));
      const pages: string[] = [];
      let after = undefined;
      for (;;) {
        const page = await ctx.store().readAll({ streamPrefixes: [prefix], after, maxCount: 5 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(5);
        pages.push(...ids(page));
        after = page[page.length - 1].position;
      }
      expect(pages).toEqual(written);
    });

    it('keeps only the streams under the given prefixes', async () => {
      const users = await ctx.store().readAll({ streamPrefixes: [`${prefix}User/`] });
      expect(users.every((e) => e.streamId.startsWith(`${prefix}User/`))).toBe(true);
      expect(users).toHaveLength(6);
      const both = await ctx.store().readAll({ streamPrefixes: [`${prefix}User/0`, `${prefix}Group/1`] });
      expect(both.map((e) => e.streamId)).toEqual([
        `${prefix}User/0`,
        `${prefix}User/0`,
        `${prefix}Group/1`,
        `${prefix}Group/1`,
      ]);
    });

    it('orders the log consistently with every stream (revision order = position order)', async () => {
      const stream = `${prefix}User/0`;
      const more = newEvents(3);
      await ctx.store().appendToStream(stream, 1, more);
      const all = await readAllUntil(ctx.store(), prefix, written.length + 3);
      const ofStream = all.filter((e) => e.streamId === stream);
      expect(ofStream.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      const positions = (await ctx.store().readStream(stream)).map((e) => e.position);
      expect(positions.every((p, i) => i === 0 || comparePositions(positions[i - 1], p) < 0)).toBe(true);
    });
  });
}
