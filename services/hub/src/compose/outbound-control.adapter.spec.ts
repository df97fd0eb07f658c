import { DeliveryError, type OutboundEngine, TargetQuarantined, UnknownTarget } from '@scim-hub/outbound';
import { OutboundUnavailable, TargetNotFound } from '@scim-hub/targets';
import { outboundControlOf } from './outbound-control.adapter';

function engineWith(overrides: Partial<Record<keyof OutboundEngine, jest.Mock>>): OutboundEngine & { sync: jest.Mock } {
  return { sync: jest.fn(async () => undefined), ...overrides } as unknown as OutboundEngine & { sync: jest.Mock };
}

describe('outboundControlOf', () => {
  it('renames the engine status to the admin shape', async () => {
    const status = jest.fn(async () => ({
      targetId: 't1',
      running: true,
      cursor: '12:12',
      lagEvents: 3,
      lagSeconds: 1.23456,
      inFlight: 2,
      parked: 1,
      quarantine: { since: 'a', reason: 'connection refused', probes: 2, nextProbeAt: 'b' },
      lastError: { at: 'c', status: 503, detail: 'unavailable' },
    }));
    expect(await outboundControlOf(engineWith({ status })).status('t1')).toEqual({
      id: 't1',
      enabled: true,
      cursor: '12:12',
      lag: { events: 3, seconds: 1.235 },
      inFlight: 2,
      parked: 1,
      quarantine: { quarantined: true, since: 'a', nextProbeAt: 'b', reason: 'connection refused' },
      lastError: { at: 'c', message: 'unavailable', status: 503 },
    });
  });

  it('lists parked changes with the source id, the position as text and the answer as status and reason', async () => {
    const parked = jest.fn(async () => [
      { resourceType: 'Users', sourceId: 'u1', position: { commit: 7n, prepare: 7n }, parkedAt: 'p', answer: { status: 400, detail: 'refused' }, attempts: 1 },
    ]);
    expect(await outboundControlOf(engineWith({ parked })).parked('t1')).toEqual([
      { resourceType: 'Users', resourceId: 'u1', position: expect.stringContaining('7'), parkedAt: 'p', status: 400, reason: 'refused' },
    ]);
  });

  it('redrives one resource by its source id and answers only how many were redriven', async () => {
    const redrive = jest.fn(async () => ({ redriven: 1, delivered: 1, parkedAgain: 0 }));
    expect(await outboundControlOf(engineWith({ redrive })).redrive('t1', { resourceId: 'u1' })).toEqual({ redriven: 1 });
    expect(redrive).toHaveBeenCalledWith('t1', { sourceId: 'u1' });
  });

  it('reports drift by source id and kind, and counts failed repairs', async () => {
    const reconcile = jest.fn(async () => ({
      targetId: 't1',
      dryRun: true,
      differences: [
        { resourceType: 'Users', sourceId: 'u1', targetId: 'x1', action: 'update', attributes: ['externalId'] },
        { resourceType: 'Groups', sourceId: 'g1', targetId: 'x2', action: 'update', attributes: [], membersToRemove: ['x9'] },
        { resourceType: 'Users', targetId: 'x3', action: 'unmanaged' },
      ],
      repaired: 0,
      failed: [],
    }));
    expect(await outboundControlOf(engineWith({ reconcile })).reconcile('t1', { dryRun: true })).toEqual({
      dryRun: true,
      drift: [
        { resourceType: 'Users', resourceId: 'u1', targetId: 'x1', kind: 'update', detail: 'attributes: externalId' },
        { resourceType: 'Groups', resourceId: 'g1', targetId: 'x2', kind: 'update', detail: 'members to remove: x9' },
        { resourceType: 'Users', targetId: 'x3', kind: 'unmanaged' },
      ],
      repaired: 0,
      failed: 0,
    });
  });

  it('re-reads the targets once for a target the engine does not run yet, then answers TargetNotFound', async () => {
    const status = jest.fn(async () => {
      throw new UnknownTarget('unknown target: t9');
    });
    const engine = engineWith({ status });
    await expect(outboundControlOf(engine).status('t9')).rejects.toBeInstanceOf(TargetNotFound);
    expect(engine.sync).toHaveBeenCalledTimes(1);
    expect(status).toHaveBeenCalledTimes(2);
  });

  it('turns a quarantined or unreachable target into OutboundUnavailable (503) naming the target', async () => {
    const redrive = jest.fn(async () => {
      throw new TargetQuarantined('connection refused');
    });
    const reconcile = jest.fn(async () => {
      throw new DeliveryError('connect ECONNREFUSED', true);
    });
    const control = outboundControlOf(engineWith({ redrive, reconcile }));
    await expect(control.redrive('t1', {})).rejects.toThrow(new OutboundUnavailable('target t1 is quarantined (connection refused); retry after it recovers'));
    await expect(control.reconcile('t1', { dryRun: false })).rejects.toBeInstanceOf(OutboundUnavailable);
  });

  it('answers undefined for a resource the engine never handled', async () => {
    const resourceStatus = jest.fn(async () => undefined);
    expect(await outboundControlOf(engineWith({ resourceStatus })).resourceStatus('t1', 'Users', 'u1')).toBeUndefined();
  });
});
