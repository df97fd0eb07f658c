import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import type { DeliveryStateStore } from '../state/delivery-state.port';
import { deliveryStateContract } from '../testing/delivery-state.contract';
import { openPostgresDeliveryState } from './postgres-delivery-state';

const reachable = postgresReachable();

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

if (reachable.ok) {
  describe('PostgreSQL delivery state (real server, throwaway schema)', () => {
    deliveryStateContract(async () => {
      const schema = `outbound_state_${randomBytes(6).toString('hex')}`;
      const open = () => openPostgresDeliveryState({ connectionString: TEST_DATABASE_URL, schema });
      const opened: DeliveryStateStore[] = [await open()];
      return {
        store: opened[0] as DeliveryStateStore,
        reopen: async () => {
          const store = await open();
          opened.push(store);
          return store;
        },
        dispose: async () => {
          for (const store of opened) await store.close();
          await dropSchema(schema);
        },
      };
    });
  });
} else {
  describe.skip(`PostgreSQL delivery state — skipped: ${reachable.why}`, () => {
    it('needs a reachable PostgreSQL', () => undefined);
  });
}
