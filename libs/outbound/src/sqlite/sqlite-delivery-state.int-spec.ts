import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryStateStore } from '../state/delivery-state.port';
import { deliveryStateContract } from '../testing/delivery-state.contract';
import { openSqliteDeliveryState } from './sqlite-delivery-state';

describe('SQLite delivery state (real file)', () => {
  deliveryStateContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbound-state-'));
    const file = join(dir, 'outbound.db');
    const opened: DeliveryStateStore[] = [openSqliteDeliveryState({ file })];
    return {
      store: opened[0] as DeliveryStateStore,
      reopen: async () => {
        const store = openSqliteDeliveryState({ file });
        opened.push(store);
        return store;
      },
      dispose: async () => {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
