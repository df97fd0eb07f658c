// The bus contract against the log-backed bus on a real SQLite event store file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@scim-hub/event-store';
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { busContract, type BusUnderTest } from '../testing';
import { createLogBus } from './log-bus';
import { appendInterleaved } from '../testing/append-interleaved';

describe('log-backed bus (SQLite event store)', () => {
  let dir: string;
  let store: EventStore;
  let subject: BusUnderTest;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'log-bus-'));
    store = await openSqliteEventStore({ file: join(dir, 'events.db') });
    subject = {
      bus: createLogBus(store),
      emit: (streams, perStream): Promise<RecordedEvent[]> => appendInterleaved(store, streams, perStream),
      waitMs: 10_000,
    };
  });

  afterAll(async () => {
    await subject.bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  busContract(() => subject);
});
