import { ReadinessRegistry, caughtUpWithin } from './readiness.registry';

describe('ReadinessRegistry', () => {
  it('is ready with no checks and while every check passes', async () => {
    const registry = new ReadinessRegistry();
    expect(await registry.evaluate()).toEqual({ ready: true, checks: {} });
    registry.register('store', () => true);
    registry.register('projector', async () => ({ ok: true, detail: '0 events behind' }));
    expect(await registry.evaluate()).toEqual({
      ready: true,
      checks: { store: { ok: true }, projector: { ok: true, detail: '0 events behind' } },
    });
  });

  it('is not ready when a check fails, throws or hangs', async () => {
    const registry = new ReadinessRegistry();
    registry.register('down', () => false);
    registry.register('throws', () => {
      throw new Error('connection refused to postgres://user:secret@db');
    });
    registry.register('hangs', () => new Promise<boolean>(() => undefined));
    const report = await registry.evaluate();
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({
      down: { ok: false },
      throws: { ok: false, detail: 'check failed' },
      hangs: { ok: false, detail: 'timed out' },
    });
    expect(JSON.stringify(report)).not.toContain('secret');
  });

  it('fails readiness once draining', async () => {
    const registry = new ReadinessRegistry();
    registry.register('store', () => true);
    registry.markDraining();
    expect(await registry.evaluate()).toEqual({ ready: false, checks: { store: { ok: true }, shutdown: { ok: false, detail: 'draining' } } });
  });

  it('replaces a check registered under the same name', async () => {
    const registry = new ReadinessRegistry();
    registry.register('store', () => false);
    registry.register('store', () => true);
    expect((await registry.evaluate()).ready).toBe(true);
  });
});

describe('caughtUpWithin', () => {
  it('passes at or below the allowed lag only', async () => {
    let lag = 10;
    const check = caughtUpWithin(10, () => lag);
    expect(await check()).toEqual({ ok: true, detail: '10 events behind' });
    lag = 11;
    expect(await check()).toEqual({ ok: false, detail: '11 events behind' });
  });
});
