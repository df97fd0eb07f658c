import { ShutdownRegistry } from './shutdown.registry';

describe('ShutdownRegistry', () => {
  it('closes in reverse order, keeps going past a failing hook and runs only once', async () => {
    const closed: string[] = [];
    const registry = new ShutdownRegistry();
    registry.register('token store', () => void closed.push('token store'));
    registry.register('event store', () => {
      throw new Error('already closed');
    });
    registry.register('projector', async () => void closed.push('projector'));
    expect(await registry.runAll()).toEqual(['event store']);
    expect(closed).toEqual(['projector', 'token store']);
    expect(await registry.runAll()).toEqual([]);
    expect(closed).toHaveLength(2);
  });

  it('reports failed hooks from onApplicationShutdown so the process exits non-zero', async () => {
    const registry = new ShutdownRegistry();
    registry.register('read model', async () => {
      throw new Error('disk gone');
    });
    await expect(registry.onApplicationShutdown()).rejects.toThrow('close hooks failed: read model');
  });
});
