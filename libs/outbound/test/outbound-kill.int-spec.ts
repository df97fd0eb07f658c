// kill -9 of a process mid-delivery, then a new engine over the same files: the target converges and nothing
// is created twice (the cursor never passed what was not delivered; match before create covers the rest).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { until } from '@scim-hub/testing';
import { startScimTarget } from '@scim-hub/testing/scim-target';
import { openOutboundHarness, startFaultProxy, TARGET_TOKEN, targetDefinition } from '../src/testing';

const root = join(__dirname, '../../..');

describe('outbound engine killed mid-delivery', () => {
  it('converges with no duplicate creates after kill -9 and restart', async () => {
    const harness = await openOutboundHarness();
    const target = await startScimTarget({ token: TARGET_TOKEN });
    const proxy = await startFaultProxy(target.baseUrl);
    try {
      for (let i = 0; i < 60; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
      for (let g = 0; g < 3; g++) await harness.writer.createGroup(`g-${g}`, `Group ${g}`, [`u-${g}`, `u-${g + 10}`, `u-${g + 50}`]);
      proxy.latencyMs = 15;
      const child = spawn(process.execPath, [join(root, 'tools/run-ts.js'), join(__dirname, 'outbound-engine.child.ts'), harness.dir, proxy.baseUrl], { cwd: root });
      let delivered = 0;
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (delivered += (chunk.toString().match(/delivered /g) ?? []).length));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await until(() => delivered >= 15 || child.exitCode !== null, 'child delivering', 30_000, 10);
      expect(stderr).toBe('');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect((await target.stats()).userCreates).toBeLessThan(60);

      proxy.latencyMs = 0;
      harness.targets.set(targetDefinition({ id: 't1', baseUrl: proxy.baseUrl }));
      const { engine } = await harness.startEngine();
      await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.stats()).groupCreates === 3, 'converged', 30_000, 20);
      const stats = await target.stats();
      expect(stats.userCreates).toBe(60);
      expect(Object.values(await target.creates()).every((count) => count === 1)).toBe(true);
      for (const group of await target.list('Groups')) expect(group['members']).toHaveLength(3);
    } finally {
      await harness.close();
      await proxy.stop();
      await target.stop();
    }
  });
});
