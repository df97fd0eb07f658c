// The audit index contract: every adapter (SQLite, PostgreSQL) runs these cases.
import type { AuditProjection } from '../index-model/audit-index.port';
import { RecordedLog } from './recorded-events';

/** What a contract run needs: a fresh, empty audit index and a way to dispose of it. */
export interface AuditIndexHarness {
  index: AuditProjection;
  dispose(): Promise<void>;
}

function sampleLog(): RecordedLog {
  const log = new RecordedLog();
  const admin = { actor: 'tok_a', clientAddress: '10.0.0.1', userAgent: 'Azure AD SCIM' };
  log.add('acme/User/u1', 'UserCreated', { id: 'u1', resource: { userName: 'alice' } }, { ...admin, requestId: 'req-1' });
  log.add('acme/Unique/userName/alice', 'UniqueValueClaimed', { owner: 'u1' }, { ...admin, requestId: 'req-1' });
  log.add('acme/Group/g1', 'GroupCreated', { id: 'g1', resource: {}, members: [] }, { actor: 'tok_b', requestId: 'req-2' });
  log.add('acme/Group/g1', 'GroupMembersAdded', { members: [{ value: 'u1' }] }, { actor: 'tok_b', requestId: 'req-3' });
  log.add('acme/User/u1', 'UserDeleted', {}, { ...admin, requestId: 'req-4' });
  log.add('acme/Erasure/User/u1', 'UserErased', { userId: 'u1' }, { actor: 'admin', requestId: 'req-5' });
  log.add('other/User/u1', 'UserCreated', { id: 'u1', resource: {} }, { actor: 'tok_c', requestId: 'req-6' });
  return log;
}

/** Registers the audit index contract for one adapter. */
export function auditIndexContract(name: string, open: () => Promise<AuditIndexHarness>): void {
  describe(`audit index contract: ${name}`, () => {
    let harness: AuditIndexHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.dispose());

    it('is the projection named "audit", empty with no checkpoint at first', async () => {
      expect(harness.index.name).toBe('audit');
      expect(await harness.index.checkpoint()).toBeUndefined();
      expect((await harness.index.list({ startIndex: 1, count: 10 })).totalResults).toBe(0);
    });

    it('indexes resource and erasure events (not reservations) and advances the checkpoint past all', async () => {
      const log = sampleLog();
      await harness.index.project(log.events);
      expect(await harness.index.checkpoint()).toEqual(log.events.at(-1)!.position);
      const history = await harness.index.history({ tenant: 'acme', resourceType: 'User', id: 'u1' }, { startIndex: 1, count: 10 });
      expect(history.totalResults).toBe(3);
      expect(history.records.map((r) => [r.eventType, r.revision, r.streamId])).toEqual([
        ['UserCreated', 0, 'acme/User/u1'],
        ['UserDeleted', 1, 'acme/User/u1'],
        ['UserErased', 0, 'acme/Erasure/User/u1'],
      ]);
      expect(history.records[0]).toEqual({
        tenant: 'acme', resourceType: 'User', resourceId: 'u1', streamId: 'acme/User/u1', revision: 0, eventType: 'UserCreated',
        eventId: 'evt-1', time: log.events[0].metadata.time, actor: 'tok_a', requestId: 'req-1', clientAddress: '10.0.0.1',
        userAgent: 'Azure AD SCIM', position: log.events[0].position,
      });
    });

    it('skips events at or before its checkpoint, so a re-delivered batch is not indexed twice', async () => {
      const log = sampleLog();
      await harness.index.project(log.events.slice(0, 4));
      await harness.index.project(log.events);
      expect((await harness.index.list({ startIndex: 1, count: 100 })).totalResults).toBe(6);
    });

    it('never indexes events at or before its checkpoint, nor moves the checkpoint back', async () => {
      const log = sampleLog();
      await harness.index.project(log.events.slice(3));
      const indexed = (await harness.index.list({ startIndex: 1, count: 100 })).totalResults;
      await harness.index.project(log.events.slice(0, 3));
      expect((await harness.index.list({ startIndex: 1, count: 100 })).totalResults).toBe(indexed);
      expect(await harness.index.checkpoint()).toEqual(log.events.at(-1)!.position);
    });

    it('pages history oldest first with a 1-based startIndex', async () => {
      await harness.index.project(sampleLog().events);
      const page = await harness.index.history({ tenant: 'acme', resourceType: 'User', id: 'u1' }, { startIndex: 2, count: 1 });
      expect(page).toMatchObject({ totalResults: 3, startIndex: 2 });
      expect(page.records.map((r) => r.eventType)).toEqual(['UserDeleted']);
    });

    it('finds everything one request caused', async () => {
      await harness.index.project(sampleLog().events);
      expect((await harness.index.byRequest('req-1')).map((r) => r.streamId)).toEqual(['acme/User/u1']);
      expect(await harness.index.byRequest('nope')).toEqual([]);
    });

    it('lists by tenant, actor, time window and type', async () => {
      const log = sampleLog();
      await harness.index.project(log.events);
      const ids = async (query: object) => (await harness.index.list({ startIndex: 1, count: 100, ...query })).records.map((r) => r.eventId);
      expect(await ids({ tenant: 'other' })).toEqual(['evt-7']);
      expect(await ids({ actor: 'tok_b' })).toEqual(['evt-3', 'evt-4']);
      expect(await ids({ tenant: 'acme', since: log.events[2].metadata.time, until: log.events[4].metadata.time })).toEqual(['evt-3', 'evt-4']);
      expect(await ids({ type: 'Group' })).toEqual(['evt-3', 'evt-4']);
      expect(await ids({ type: 'UserDeleted' })).toEqual(['evt-5']);
      expect((await harness.index.list({ startIndex: 1, count: 0, tenant: 'acme' })).totalResults).toBe(5);
    });

    it('reset drops rows and checkpoint so a rebuild starts from position 0', async () => {
      const log = sampleLog();
      await harness.index.project(log.events);
      await harness.index.reset();
      expect(await harness.index.checkpoint()).toBeUndefined();
      await harness.index.project(log.events);
      expect((await harness.index.list({ startIndex: 1, count: 100 })).totalResults).toBe(6);
    });

    it('rewinds to a position: later rows go, the checkpoint moves back, and a replay restores them exactly', async () => {
      const log = sampleLog();
      await harness.index.project(log.events);
      const before = await harness.index.list({ startIndex: 1, count: 100 });
      const to = log.events[2].position;
      await harness.index.rewind!(to);
      expect(await harness.index.checkpoint()).toEqual(to);
      expect((await harness.index.list({ startIndex: 1, count: 100 })).totalResults).toBe(2);
      await harness.index.project(log.events);
      expect(await harness.index.list({ startIndex: 1, count: 100 })).toEqual(before);
    });
  });
}
