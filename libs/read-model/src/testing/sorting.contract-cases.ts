// Contract cases: RFC 7644 §3.4.2.3 sortBy / sortOrder, alone and under index and keyset paging.
import { parseFilter, type SortRequest } from '@scim-hub/scim';
import type { ListQuery, PageKey, ReadModel } from '../read-model.port';
import { IdentityEventLog } from './identity-event-log';
import { user, type ReadModelHarness } from './read-model.fixtures';

const TENANT = 'acme';

// id → [userName, familyName (absent for some), emails (primary not always first)].
const PEOPLE: [string, string, string | undefined, { value: string; primary?: boolean }[]][] = [
  ['p1', 'delta', 'Young', [{ value: 'zed@example.com' }, { value: 'amy@example.com', primary: true }]],
  ['p2', 'Alpha', undefined, [{ value: 'Bob@example.com' }]],
  ['p3', 'charlie', 'adams', []],
  ['p4', 'bravo', 'Baker', [{ value: 'carl@example.com' }, { value: 'Al@example.com' }]],
  ['p5', 'Echo', undefined, [{ value: 'dan@example.com', primary: true }]],
];

async function seed(readModel: ReadModel): Promise<void> {
  const log = new IdentityEventLog();
  for (const [id, userName, familyName, emails] of PEOPLE) {
    const extra = { name: familyName ? { familyName } : undefined, emails: emails.map((e) => ({ ...e, type: 'work' })), active: id !== 'p3' };
    log.record(TENANT, 'User', id, { type: 'UserCreated', data: { id, resource: user(userName, JSON.parse(JSON.stringify(extra))) } });
  }
  await readModel.project(log.events);
}

async function sorted(readModel: ReadModel, sort: SortRequest, extra: Partial<ListQuery> = {}): Promise<string[]> {
  const page = await readModel.list(TENANT, 'User', { startIndex: 1, count: 100, includeMembers: false, sort, ...extra });
  return page.resources.map((r) => String(r.resource.id));
}

/** Registers the sorting cases. */
export function sortingCases(harness: () => ReadModelHarness): void {
  it('sorts by userName ignoring case, ascending and descending', async () => {
    const { readModel } = harness();
    await seed(readModel);
    expect(await sorted(readModel, { by: 'userName', descending: false })).toEqual(['p2', 'p4', 'p3', 'p1', 'p5']);
    expect(await sorted(readModel, { by: 'USERNAME', descending: true })).toEqual(['p5', 'p1', 'p3', 'p4', 'p2']);
  });

  it('puts resources without a value last when ascending and first when descending', async () => {
    const { readModel } = harness();
    await seed(readModel);
    expect(await sorted(readModel, { by: 'name.familyName', descending: false })).toEqual(['p3', 'p4', 'p1', 'p2', 'p5']);
    expect(await sorted(readModel, { by: 'name.familyName', descending: true })).toEqual(['p5', 'p2', 'p1', 'p4', 'p3']);
  });

  it('sorts a multi-valued attribute by its primary value, else its first (emails)', async () => {
    const { readModel } = harness();
    await seed(readModel);
    // p1 → amy (primary), p2 → bob, p4 → carl (first), p5 → dan (primary), p3 → none.
    expect(await sorted(readModel, { by: 'emails', descending: false })).toEqual(['p1', 'p2', 'p4', 'p5', 'p3']);
  });

  it('sorts by booleans, by meta.created, and keeps the default order for an unknown attribute', async () => {
    const { readModel } = harness();
    await seed(readModel);
    expect(await sorted(readModel, { by: 'active', descending: false })).toEqual(['p3', 'p1', 'p2', 'p4', 'p5']);
    expect(await sorted(readModel, { by: 'meta.created', descending: true })).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
    expect(await sorted(readModel, { by: 'noSuchAttribute', descending: true })).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('sorts within a filter and pages the sorted list by index', async () => {
    const { readModel } = harness();
    await seed(readModel);
    const sort = { by: 'userName', descending: true };
    expect(await sorted(readModel, sort, { filter: parseFilter('active eq true') })).toEqual(['p5', 'p1', 'p4', 'p2']);
    expect(await sorted(readModel, sort, { startIndex: 2, count: 2 })).toEqual(['p1', 'p3']);
  });

  it('walks a sorted list by keyset both ways, in the order index paging gives', async () => {
    const { readModel } = harness();
    await seed(readModel);
    const sort = { by: 'name.familyName', descending: true };
    const expected = await sorted(readModel, sort);
    const seen: string[] = [];
    let key: PageKey | undefined;
    for (;;) {
      const page = await readModel.list(TENANT, 'User', { startIndex: 1, count: 2, includeMembers: false, sort, seek: { direction: 'after', key } });
      seen.push(...page.resources.map((r) => String(r.resource.id)));
      if (!page.bounds?.more) break;
      key = page.bounds.last;
    }
    expect(seen).toEqual(expected);
    const back = await readModel.list(TENANT, 'User', { startIndex: 1, count: 2, includeMembers: false, sort, seek: { direction: 'before', key } });
    expect(back.resources.map((r) => String(r.resource.id))).toEqual(expected.slice(Math.max(0, expected.indexOf(key![3]) - 2), expected.indexOf(key![3])));
    // A key of the unsorted order names no position in a sorted list.
    await expect(
      readModel.list(TENANT, 'User', { startIndex: 1, count: 2, includeMembers: false, sort, seek: { direction: 'after', key: ['x', 'p1'] } }),
    ).rejects.toMatchObject({ name: 'InvalidPageKey' });
  });

  it('refuses to sort by a complex or an unsupported multi-valued attribute (invalidValue)', async () => {
    const { readModel } = harness();
    for (const by of ['name', 'phoneNumbers']) {
      await expect(sorted(readModel, { by, descending: false })).rejects.toMatchObject({ status: 400, scimType: 'invalidValue' });
    }
  });
}
