import { EventStoreUnavailable, WaitForTimeout } from '../event-store.errors';
import { PositionWaiters } from './position-waiters';

const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

describe('PositionWaiters', () => {
  it('resolves at once for a reached position and later for one reached by advance', async () => {
    const waiters = new PositionWaiters(at(5));
    await waiters.waitFor(at(5));
    const later = waiters.waitFor(at(8), 1000);
    waiters.advance(at(7));
    expect(waiters.furthestWaited()).toEqual(at(8));
    waiters.advance(at(9));
    await later;
    expect(waiters.furthestWaited()).toBeUndefined();
    expect(waiters.handledThrough).toEqual(at(9));
  });

  it('never moves backwards', () => {
    const waiters = new PositionWaiters(at(5));
    waiters.advance(at(3));
    expect(waiters.handledThrough).toEqual(at(5));
  });

  it('times out with WaitForTimeout and rejects everything once closed', async () => {
    const waiters = new PositionWaiters();
    await expect(waiters.waitFor(at(1), 10)).rejects.toBeInstanceOf(WaitForTimeout);
    const pending = waiters.waitFor(at(2), 1000);
    waiters.close();
    await expect(pending).rejects.toBeInstanceOf(EventStoreUnavailable);
    await expect(waiters.waitFor(at(3))).rejects.toBeInstanceOf(EventStoreUnavailable);
  });
});
