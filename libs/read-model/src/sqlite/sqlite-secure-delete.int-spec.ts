// Erasure support (docs/audit.md): once a deleted resource is projected and purgeDeletedData ran, none of its
// values remains in read-model.db or its -wal file (secure_delete zeroes the rows, the WAL is truncated).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentityEventLog } from '../testing/identity-event-log';
import { openSqliteReadModel } from './sqlite-read-model';

const VALUES = ['secure.delete.probe@example.com', 'Probegiven', 'Probefamily'];

function valuesIn(files: string[]): string[] {
  return files.filter(existsSync).flatMap((file) => VALUES.filter((v) => readFileSync(file).includes(Buffer.from(v))));
}

it('leaves no value of a deleted user in the database or WAL after purgeDeletedData', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-read-model-purge-'));
  const file = join(dir, 'read-model.db');
  const readModel = await openSqliteReadModel({ file });
  try {
    const log = new IdentityEventLog();
    const resource = { userName: VALUES[0], name: { givenName: VALUES[1], familyName: VALUES[2] }, emails: [{ value: VALUES[0] }] };
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource } });
    log.record('acme', 'User', 'u2', { type: 'UserCreated', data: { id: 'u2', resource: { userName: 'stays@example.com' } } });
    await readModel.project(log.since(0));
    expect(valuesIn([file, `${file}-wal`]).length).toBeGreaterThan(0);
    const from = log.events.length;
    log.record('acme', 'User', 'u1', { type: 'UserDeleted', data: {} });
    await readModel.project(log.since(from));
    await readModel.purgeDeletedData?.();
    expect(valuesIn([file, `${file}-wal`, `${file}-shm`])).toEqual([]);
    expect(await readModel.getResource('acme', 'User', 'u2', { includeMembers: false })).toMatchObject({ resource: { userName: 'stays@example.com' } });
  } finally {
    await readModel.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
