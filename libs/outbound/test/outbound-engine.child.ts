// Child process of outbound-kill.int-spec.ts: runs an engine over the event store and delivery state in
// <dir> toward <baseUrl>, and prints `delivered <type> <id>` after each write, until the parent kill -9's it.
import { join } from 'node:path';
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { OutboundEngine } from '../src/engine/outbound-engine';
import { openSqliteDeliveryState } from '../src/sqlite';
import { FAST_TIMING, InMemoryTargetSource, targetDefinition } from '../src/testing';

async function main(): Promise<void> {
  const [dir, baseUrl] = process.argv.slice(2) as [string, string];
  const eventStore = await openSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL', pollIntervalMs: 50 });
  const targets = new InMemoryTargetSource();
  targets.set(targetDefinition({ id: 't1', baseUrl }));
  const engine = new OutboundEngine({
    eventStore,
    deliveryState: openSqliteDeliveryState({ file: join(dir, 'outbound.db') }),
    targets,
    ...FAST_TIMING,
    hooks: { delivered: (event) => process.stdout.write(`delivered ${event.resourceType} ${event.sourceId}\n`) },
  });
  await engine.start();
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
