import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModel, StatementTrace } from '../read-model.port';
import { IdentityEventLog, user } from '../testing';
import { openSqliteReadModel } from './sqlite-read-model';

describe('SQLite projection writer: a stored row is updated in place, in the columns that changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-projection-writer-'));
  const statements: StatementTrace[] = [];
  let readModel: ReadModel;
  beforeAll(async () => {
    readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db'), onStatement: (s) => statements.push(s) });
  });
  afterAll(async () => {
    await readModel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a rename sets the display name, document, version and time, and no other indexed column', async () => {
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await readModel.project(log.events);
    const from = statements.length;
    log.record('acme', 'User', 'u1', { type: 'UserUpdated', data: { changes: [{ attribute: 'displayName', value: 'Alice A.' }] } });
    await readModel.project(log.since(1));

    const writes = statements.slice(from).filter((trace) => /scim_resources/.test(trace.sql) && /^\s*(UPDATE|INSERT)/i.test(trace.sql));
    expect(writes).toHaveLength(1);
    expect(writes[0].sql).toMatch(/^UPDATE scim_resources SET /);
    const set = /SET (.*) WHERE/.exec(writes[0].sql)?.[1].split(', ').map((assignment) => assignment.split(' ')[0]);
    expect(set?.sort()).toEqual(['display_name_ci', 'doc', 'last_modified', 'version']);
    const stored = await readModel.getResource('acme', 'User', 'u1', { includeMembers: false });
    expect(stored?.resource).toMatchObject({ userName: 'alice', externalId: 'ext-alice', displayName: 'Alice A.' });
    expect(stored?.version).toBe(1);
  });
});
