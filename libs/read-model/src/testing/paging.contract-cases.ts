// Contract cases: keyset paging (the seek behind RFC 9865 cursors) beside index paging, and its stability while
// resources are created and deleted between (and during) page reads.
import type { RecordedEvent } from '@scim-hub/event-store';
import { parseFilter, type Filter } from '@scim-hub/scim';
import type { ListQuery, PageKey, ReadModel, ReadModelResourceType } from '../read-model.port';
import { IdentityEventLog } from './identity-event-log';
import { group, user, type ReadModelHarness } from './read-model.fixtures';

const TENANT = 'acme';

/** Records `count` UserCreated events; `timeOf(i)` overrides the creation time (several users may share one). */
function createUsers(log: IdentityEventLog, prefix: string, count: number, timeOf?: (i: number) => string): RecordedEvent[] {
  return Array.from({ length: count }, (_v, i) => {
    const id = `${prefix}-${String(i).padStart(6, '0')}`;
    const event = log.record(TENANT, 'User', id, { type: 'UserCreated', data: { id, resource: user(id) } });
    if (timeOf) event.metadata = { ...event.metadata, time: timeOf(i) };
    return event;
  });
}

function deleteUser(log: IdentityEventLog, id: string): RecordedEvent {
  return log.record(TENANT, 'User', id, { type: 'UserDeleted', data: {} });
}

const idsOf = (page: { resources: { resource: { id?: unknown } }[] }) => page.resources.map((r) => String(r.resource.id));

/** Walks every page after `start` (or from the first page); returns the ids in the order met and the page count. */
async function walkForward(
  readModel: ReadModel,
  type: ReadModelResourceType,
  count: number,
  options: { filter?: Filter; between?: (page: number) => Promise<void> } = {},
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let key: PageKey | undefined;
  for (let pages = 1; ; pages++) {
    const query: ListQuery = { filter: options.filter, startIndex: 1, count, includeMembers: false, seek: { direction: 'after', key } };
    const [page] = await Promise.all([readModel.list(TENANT, type, query), options.between?.(pages)]);
    ids.push(...idsOf(page));
    if (!page.bounds?.more) return { ids, pages };
    key = page.bounds.last;
  }
}

/** Registers the keyset paging cases. */
export function pagingCases(harness: () => ReadModelHarness): void {
  it('walks forward in the same order as index paging, with the count of all matches on every page', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    // Ten users share each creation time, so the id breaks the ties.
    await readModel.project(createUsers(log, 'u', 47, (i) => new Date(Date.UTC(2024, 0, 1, 0, 0, Math.floor(i / 10))).toISOString()));
    const all = await readModel.list(TENANT, 'User', { startIndex: 1, count: 100, includeMembers: false });
    const first = await readModel.list(TENANT, 'User', { startIndex: 1, count: 10, includeMembers: false, seek: { direction: 'after' } });
    expect(first.totalResults).toBe(47);
    expect(first.bounds).toEqual({ first: [all.resources[0].created, 'u-000000'], last: [all.resources[9].created, 'u-000009'], more: true });
    const walk = await walkForward(readModel, 'User', 10);
    expect(walk).toEqual({ ids: idsOf(all), pages: 5 });
  });

  it('counts a first page that holds every match by its length, without a count statement; a full one reads the count', async () => {
    const { readModel, statements } = harness();
    const log = new IdentityEventLog();
    await readModel.project(createUsers(log, 'c', 12));
    const counting = (from: number) => statements.slice(from).filter((s) => /count\(\*\)/i.test(s.sql));

    let from = statements.length;
    const one = await readModel.list(TENANT, 'User', { filter: parseFilter('userName eq "c-000003"'), startIndex: 1, count: 100, includeMembers: false });
    expect([one.totalResults, idsOf(one)]).toEqual([1, ['c-000003']]);
    expect(counting(from)).toEqual([]);

    from = statements.length;
    const full = await readModel.list(TENANT, 'User', { startIndex: 1, count: 5, includeMembers: false });
    expect([full.totalResults, idsOf(full).length]).toEqual([12, 5]);
    expect(counting(from)).toHaveLength(1);

    from = statements.length;
    const later = await readModel.list(TENANT, 'User', { startIndex: 11, count: 5, includeMembers: false });
    expect([later.totalResults, idsOf(later)]).toEqual([12, ['c-000010', 'c-000011']]);
    expect(counting(from)).toHaveLength(1); // past the first page, the length says nothing about the count
  });

  it('walks backward from a key and says when the first page is reached', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    await readModel.project(createUsers(log, 'u', 25));
    const all = idsOf(await readModel.list(TENANT, 'User', { startIndex: 1, count: 100, includeMembers: false }));
    const last = await readModel.list(TENANT, 'User', { startIndex: 1, count: 10, includeMembers: false, seek: { direction: 'before', key: ['9999', 'z'] } });
    expect(idsOf(last)).toEqual(all.slice(15));
    expect(last.bounds?.more).toBe(true);
    const middle = await readModel.list(TENANT, 'User', { startIndex: 1, count: 10, includeMembers: false, seek: { direction: 'before', key: last.bounds?.first } });
    expect(idsOf(middle)).toEqual(all.slice(5, 15));
    const head = await readModel.list(TENANT, 'User', { startIndex: 1, count: 10, includeMembers: false, seek: { direction: 'before', key: middle.bounds?.first } });
    expect(idsOf(head)).toEqual(all.slice(0, 5));
    expect(head.bounds?.more).toBe(false);
    expect(head.totalResults).toBe(25);
  });

  it('seeks within a filter and within one tenant; an empty page past the end has no bounds and no more', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    const events = createUsers(log, 'u', 30);
    log.record('beta', 'User', 'u-000001', { type: 'UserCreated', data: { id: 'u-000001', resource: user('u-000001') } });
    await readModel.project([...events, ...log.since(30)]);
    const filter = parseFilter('userName ew "5" or userName ew "0"');
    const walk = await walkForward(readModel, 'User', 2, { filter });
    expect(walk.ids).toEqual(['u-000000', 'u-000005', 'u-000010', 'u-000015', 'u-000020', 'u-000025']);
    const end = await readModel.list(TENANT, 'User', { filter, startIndex: 1, count: 2, includeMembers: false, seek: { direction: 'after', key: ['9999', 'z'] } });
    expect(end).toEqual({ totalResults: 6, resources: [], bounds: { more: false } });
  });

  it('pages groups with their members', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    for (const id of ['g1', 'g2', 'g3']) {
      log.record(TENANT, 'Group', id, { type: 'GroupCreated', data: { id, resource: group(id), members: [{ value: `m-${id}`, type: 'User' }] } });
    }
    await readModel.project(log.events);
    const first = await readModel.list(TENANT, 'Group', { startIndex: 1, count: 2, includeMembers: true, seek: { direction: 'after' } });
    expect(first.resources.map((g) => g.resource.members)).toEqual([[{ value: 'm-g1', type: 'User' }], [{ value: 'm-g2', type: 'User' }]]);
    const rest = await readModel.list(TENANT, 'Group', { startIndex: 1, count: 2, includeMembers: true, seek: { direction: 'after', key: first.bounds?.last } });
    expect(idsOf(rest)).toEqual(['g3']);
    expect(rest.bounds?.more).toBe(false);
  });

  it('refuses a key it never handed out', async () => {
    const { readModel } = harness();
    const bad = [['only-one'], ['a', 'b', 'c'], [1, 2] as unknown as PageKey];
    for (const key of bad) {
      await expect(readModel.list(TENANT, 'User', { startIndex: 1, count: 5, includeMembers: false, seek: { direction: 'after', key } })).rejects.toMatchObject({
        name: 'InvalidPageKey',
      });
    }
  });

  it('walks 10,000 users while others are created and deleted: nothing that stayed is skipped or repeated', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    // Five users per millisecond, so ties on the creation time are common.
    const base = Date.UTC(2024, 0, 1);
    const timeOf = (i: number) => new Date(base + Math.floor(i / 5)).toISOString();
    const seeded = createUsers(log, 'u', 10_000, timeOf);
    for (let i = 0; i < seeded.length; i += 2_000) await readModel.project(seeded.slice(i, i + 2_000));
    const deleted = new Set<string>();
    const churnIds: string[] = [];
    // Between page reads (and while one is read): new users, some created at times inside the walked range, and
    // deletions of seeded and of new users.
    const between = async (page: number) => {
      const fresh = createUsers(log, `n${page}`, 20, (i) => timeOf((page * 97 + i * 499) % 10_000));
      const candidates = [`u-${String((page * 131) % 10_000).padStart(6, '0')}`, `u-${String((page * 7919) % 10_000).padStart(6, '0')}`];
      const gone = candidates.filter((id, i) => !deleted.has(id) && candidates.indexOf(id) === i);
      if (churnIds.length > 0) gone.push(churnIds.shift()!);
      gone.forEach((id) => deleted.add(id));
      churnIds.push(...fresh.map((e) => String((e.data as { id: string }).id)));
      await readModel.project([...fresh, ...gone.map((id) => deleteUser(log, id))]);
    };
    const walk = await walkForward(readModel, 'User', 100, { between });

    const seen = new Set(walk.ids);
    expect(seen.size).toBe(walk.ids.length);
    const stayed = seeded.map((e) => String((e.data as { id: string }).id)).filter((id) => !deleted.has(id));
    expect(stayed.filter((id) => !seen.has(id))).toEqual([]);
    expect(walk.pages).toBeGreaterThanOrEqual(95);
    expect(deleted.size).toBeGreaterThan(150);
  }, 120_000);
}
