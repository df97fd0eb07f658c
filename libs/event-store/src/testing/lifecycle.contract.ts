import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../event-store.port';
import { type ContractContext, newEvent, uniquePrefix } from './contract-fixtures';

/** Checkpoints, event payload round-trip and close. */
export function lifecycleContract(ctx: ContractContext): void {
  let afterCleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await afterCleanup?.();
    afterCleanup = undefined;
  });

  it('stores, overwrites and loads checkpoints; an unknown one loads as undefined', async () => {
    const id = `contract-${randomUUID()}`;
    expect(await ctx.store().checkpoints.load(id)).toBeUndefined();
    await ctx.store().checkpoints.store(id, { commit: 5n, prepare: 3n });
    expect(await ctx.store().checkpoints.load(id)).toEqual({ commit: 5n, prepare: 3n });
    const big = { commit: 2n ** 62n + 1n, prepare: 2n ** 61n + 7n };
    await ctx.store().checkpoints.store(id, big);
    expect(await ctx.store().checkpoints.load(id)).toEqual(big);
  });

  it('round-trips type, schemaVersion, data and every metadata field', async () => {
    const stream = `${uniquePrefix()}User/payload`;
    const event: NewEvent = {
      id: randomUUID(),
      type: 'UserUpdated',
      schemaVersion: 3,
      data: {
        changes: [{ attribute: 'name', value: { givenName: 'Zoë', familyName: '山田' } }, { attribute: 'title' }],
        active: false,
        count: 12.5,
        nothing: null,
      },
      metadata: {
        tenant: 'acme',
        requestId: randomUUID(),
        causationId: randomUUID(),
        actor: 'token-1',
        clientAddress: '203.0.113.7',
        userAgent: 'Azure AD Provisioning',
        time: '2025-01-02T03:04:05.678Z',
        extra: { nested: [1, 'two'] },
      },
    };
    await ctx.store().appendToStream(stream, 'no_stream', [event]);
    const [read] = await ctx.store().readStream(stream);
    expect({ id: read.id, type: read.type, schemaVersion: read.schemaVersion, data: read.data, metadata: read.metadata }).toEqual(
      event,
    );
  });

  it('close() stops subscriptions, is idempotent, and later calls reject', async () => {
    const other = await ctx.open();
    afterCleanup = () => other.close();
    const prefix = uniquePrefix();
    const sub = other.subscribe({ streamPrefixes: [prefix], handle: () => undefined });
    const written = await other.appendToStream(`${prefix}User/1`, 'no_stream', [newEvent()]);
    await sub.waitFor(written.position);
    await other.close();
    await other.close();
    // Far ahead: a store's own housekeeping (PostgreSQL: a NOTIFY takes a transaction id) may move the log's
    // horizon a little past the last append, so only a position nobody can have reached proves the rejection.
    const unreached = { commit: written.position.commit + 1_000_000_000n, prepare: 0n };
    await expect(sub.waitFor(unreached, 100)).rejects.toThrow();
    await expect(other.appendToStream(`${prefix}User/2`, 'no_stream', [newEvent()])).rejects.toMatchObject({
      name: 'EventStoreUnavailable',
    });
    await expect(other.readStream(`${prefix}User/1`)).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
  });
}
