import { MemoryTokenStore } from '@scim-hub/access/memory';
import { runCli } from './run-cli';

function harness() {
  const store = new MemoryTokenStore();
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  const run = (...argv: string[]) => runCli(argv, {}, io, async () => store);
  return { store, io, run };
}

describe('runCli', () => {
  it('creates, lists and revokes tokens on the store it opened', async () => {
    const { store, io, run } = harness();
    expect(await run('tokens', 'create', '--tenant', 'acme', '--json')).toBe(0);
    const created = JSON.parse(io.stdout);
    expect(await store.verify(created.token)).toEqual({ tenant: 'acme', tokenId: created.id });
    io.stdout = '';
    expect(await run('tokens', 'list', '--json')).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual([{ id: created.id, tenant: 'acme', label: '', createdAt: created.createdAt }]);
    expect(await run('tokens', 'revoke', created.id)).toBe(0);
    expect(await store.verify(created.token)).toBeUndefined();
    expect(await run('tokens', 'revoke', created.id)).toBe(1);
  });

  it('says "no tokens" on an empty store', async () => {
    const { io, run } = harness();
    expect(await run('tokens', 'list')).toBe(0);
    expect(io.stdout).toBe('no tokens\n');
  });

  it('closes the store after the command, also when it fails', async () => {
    const store = new MemoryTokenStore();
    const close = jest.spyOn(store, 'close');
    const io = { out: () => undefined, err: () => undefined };
    expect(await runCli(['tokens', 'revoke', 'tok_x'], {}, io, async () => store)).toBe(1);
    expect(await runCli(['tokens', 'create'], {}, io, async () => store)).toBe(2);
    expect(close).toHaveBeenCalledTimes(2);
  });

  it('reports a store that cannot be opened with exit 1', async () => {
    const io = { stdout: '', stderr: '', out: () => undefined, err: (t: string) => void (io.stderr += t) };
    expect(await runCli(['tokens', 'list'], {}, io, async () => Promise.reject(new Error('SQLITE_CANTOPEN')))).toBe(1);
    expect(io.stderr).toBe('scim-hub: SQLITE_CANTOPEN\n');
  });
});
