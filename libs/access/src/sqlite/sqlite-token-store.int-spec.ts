import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenStoreContract } from '../testing';
import { ACCESS_DB_FILE, SqliteTokenStore } from './sqlite-token-store';

const dir = mkdtempSync(join(tmpdir(), 'scim-hub-access-'));

tokenStoreContract(
  'SQLite (real file)',
  async () => SqliteTokenStore.open(join(dir, 'nested', ACCESS_DB_FILE)),
  async () => rmSync(dir, { recursive: true, force: true }),
);

describe('SqliteTokenStore file', () => {
  it('keeps tokens across reopen, as the CLI and the hub share the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scim-hub-access-')), ACCESS_DB_FILE);
    const first = SqliteTokenStore.open(file);
    const created = await first.create('acme', 'persisted');
    await first.close();
    const second = SqliteTokenStore.open(file);
    expect(await second.verify(created.token)).toEqual({ tenant: 'acme', tokenId: created.id });
    await second.close();
    rmSync(join(file, '..'), { recursive: true, force: true });
  });

  it('reports a closed database as TokenStoreUnavailable (HTTP 503), not a driver TypeError', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scim-hub-access-')), ACCESS_DB_FILE);
    const store = SqliteTokenStore.open(file);
    await store.close();
    await expect(store.verify('scimhub_anything')).rejects.toMatchObject({ name: 'TokenStoreUnavailable' });
    await expect(store.list()).rejects.toMatchObject({ name: 'TokenStoreUnavailable' });
    rmSync(join(file, '..'), { recursive: true, force: true });
  });
});
