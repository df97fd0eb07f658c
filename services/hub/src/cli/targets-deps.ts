import type { HubConfig } from '@scim-hub/platform/config';
import { secretCipherFor, TargetRegistry } from '@scim-hub/targets';
import { openEventStore } from '../compose/storage.composition';
import type { TargetsDeps } from './targets.command';

/** The real ways out of `scim-hub targets`: the configured event store, and fetch to the running hub. */
export const defaultTargetsDeps: TargetsDeps = {
  async openRegistry(config: HubConfig) {
    const cipher = secretCipherFor({ secretsKey: config.secretsKey, embedded: config.store === 'sqlite', dataDir: config.dataDir });
    const store = await openEventStore(config);
    try {
      const registry = await TargetRegistry.open(store, cipher);
      return { registry, close: async () => (await registry.close(), await store.close()) };
    } catch (error) {
      await store.close();
      throw error;
    }
  },
  adminApi: (input, init) => fetch(input, init),
};
