// What an outbound int-spec needs: a real SQLite event store and delivery state in a temporary directory,
// an identity writer, a target source, and engines over them (several, to prove restarts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@scim-hub/event-store';
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { OutboundEngine, type OutboundEngineOptions } from '../engine/outbound-engine';
import { openSqliteDeliveryState } from '../sqlite/sqlite-delivery-state';
import type { DeliveryStateStore } from '../state/delivery-state.port';
import { IdentityWriter } from './identity-writer';
import { InMemoryTargetSource } from './in-memory-target-source';

/** A test bench for the outbound engine. */
export interface OutboundHarness {
  dir: string;
  eventStore: EventStore;
  writer: IdentityWriter;
  targets: InMemoryTargetSource;
  /** Opens (another) delivery state over the same file. */
  openState(): DeliveryStateStore;
  /** Starts an engine over a fresh delivery-state handle (same file); closed with the harness. */
  startEngine(options?: Partial<OutboundEngineOptions>): Promise<{ engine: OutboundEngine; state: DeliveryStateStore }>;
  close(): Promise<void>;
}

/** Fast retries and probes for tests: failures show up in milliseconds, not minutes. */
export const FAST_TIMING: Partial<OutboundEngineOptions> = {
  retry: { baseMs: 20, maxMs: 500, maxAttempts: 6 },
  probe: { initialMs: 50, maxMs: 400 },
  requestTimeoutMs: 5000,
};

/** Opens a harness in a new temporary directory. */
export async function openOutboundHarness(): Promise<OutboundHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'outbound-'));
  const eventStore = await openSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL', pollIntervalMs: 50 });
  const targets = new InMemoryTargetSource();
  const opened: { engine?: OutboundEngine; state: DeliveryStateStore }[] = [];
  const openState = () => {
    const state = openSqliteDeliveryState({ file: join(dir, 'outbound.db') });
    opened.push({ state });
    return state;
  };
  return {
    dir,
    eventStore,
    writer: new IdentityWriter(eventStore),
    targets,
    openState,
    async startEngine(options = {}) {
      const state = openSqliteDeliveryState({ file: join(dir, 'outbound.db') });
      const engine = new OutboundEngine({ eventStore, deliveryState: state, targets, ...FAST_TIMING, ...options });
      opened.push({ engine, state });
      await engine.start();
      return { engine, state };
    },
    async close() {
      for (const { engine, state } of opened) {
        await engine?.stop();
        await state.close();
      }
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
