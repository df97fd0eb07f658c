import { WaitForTimeout } from '@scim-hub/event-store';
import { GROUP, USER } from '@scim-hub/scim';
import { ScimWriteService } from './scim-write.service';

describe('ScimWriteService read-your-writes', () => {
  const position = { commit: 7n, prepare: 7n };
  const writer = { execute: async () => ({ id: 'u1', position }) };
  const reader = { get: async () => ({ resource: { id: 'u1' }, version: 0 }) };

  // The change is in the log: an error here would make the client re-send it (docs/operations.md).
  it('answers a recorded delete although the read model does not reach it in time', async () => {
    let waited = 0;
    const projection = { waitFor: async () => (waited++, Promise.reject(new WaitForTimeout(position, 250))) };
    const service = new ScimWriteService(writer as any, reader as any, projection, { User: USER, Group: GROUP }, 250, 'http://hub');
    await expect(service.delete({ tenant: 'acme' } as any, 'User', 'u1')).resolves.toBeUndefined();
    expect(waited).toBe(1);
  });

  it('passes other failures on unchanged', async () => {
    const boom = new Error('stopped');
    const service = new ScimWriteService(writer as any, reader as any, { waitFor: async () => Promise.reject(boom) }, { User: USER, Group: GROUP }, 250, 'http://hub');
    await expect(service.delete({ tenant: 'acme' } as any, 'User', 'u1')).rejects.toBe(boom);
  });
});
