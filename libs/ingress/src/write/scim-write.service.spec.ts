import { WaitForTimeout } from '@scim-hub/event-store';
import { GROUP, USER, isScimError } from '@scim-hub/scim';
import { ScimWriteService } from './scim-write.service';

describe('ScimWriteService read-your-writes', () => {
  const position = { commit: 7n, prepare: 7n };
  const writer = { execute: async () => ({ id: 'u1', position }) };
  const reader = { get: async () => ({ resource: { id: 'u1' }, version: 0 }) };

  it('answers 503 (the change is recorded) when the read model does not reach the write in time', async () => {
    const projection = { waitFor: async () => Promise.reject(new WaitForTimeout(position, 250)) };
    const service = new ScimWriteService(writer as any, reader as any, projection, { User: USER, Group: GROUP }, 250);
    const failure = await service.delete({ tenant: 'acme' } as any, 'User', 'u1').catch((e: unknown) => e);
    expect(isScimError(failure) && { status: failure.status, detail: failure.detail }).toEqual({
      status: 503,
      detail: expect.stringContaining('recorded, but the read model did not reach it within 250 ms'),
    });
  });

  it('passes other failures on unchanged', async () => {
    const boom = new Error('stopped');
    const service = new ScimWriteService(writer as any, reader as any, { waitFor: async () => Promise.reject(boom) }, { User: USER, Group: GROUP }, 250);
    await expect(service.delete({ tenant: 'acme' } as any, 'User', 'u1')).rejects.toBe(boom);
  });
});
