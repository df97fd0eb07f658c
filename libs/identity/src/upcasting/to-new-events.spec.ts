import { toNewEvents } from './to-new-events';

describe('toNewEvents', () => {
  it('stamps identity and reservation events with their current schema version and the metadata', () => {
    const metadata = { tenant: 'acme', requestId: 'req-1', time: '2025-01-01T00:00:00.000Z' };
    expect(
      toNewEvents(
        [
          { type: 'UserDeactivated', data: {} },
          { type: 'UniqueValueReleased', data: { owner: 'u1' } },
        ],
        metadata,
      ),
    ).toEqual([
      { type: 'UserDeactivated', schemaVersion: 1, data: {}, metadata },
      { type: 'UniqueValueReleased', schemaVersion: 1, data: { owner: 'u1' }, metadata },
    ]);
  });
});
