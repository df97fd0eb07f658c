// The stores every black-box suite runs against: the embedded default (SQLite) always, PostgreSQL when the
// test server answers — otherwise that run registers as skipped with the reason, never as a silent pass.
import { postgresReachable } from '@scim-hub/testing';
import { createTemporaryDatabase } from './postgres-database';

/** How a suite run gets its store: environment for the hub, and cleanup afterwards. */
export interface StoreUnderTest {
  name: string;
  setUp(): Promise<Record<string, string>>;
  tearDown(): Promise<void>;
}

function sqlite(): StoreUnderTest {
  return { name: 'HUB_STORE=sqlite', setUp: async () => ({ HUB_STORE: 'sqlite' }), tearDown: async () => undefined };
}

function postgres(): StoreUnderTest {
  let drop: () => Promise<void> = async () => undefined;
  return {
    name: 'HUB_STORE=postgres',
    async setUp() {
      const db = await createTemporaryDatabase();
      drop = db.drop;
      return { HUB_STORE: 'postgres', DATABASE_URL: db.url };
    },
    tearDown: () => drop(),
  };
}

/** Registers `suite` once per available store (a fresh database each for PostgreSQL). */
export function forEachStore(suite: (store: StoreUnderTest) => void): void {
  const stores = [sqlite()];
  const pg = postgresReachable();
  if (pg.ok) stores.push(postgres());
  else {
    console.warn(`skipped: HUB_STORE=postgres — no PostgreSQL (${pg.why})`);
    describe.skip('HUB_STORE=postgres (skipped: no PostgreSQL)', () => it('runs this suite', () => undefined));
  }
  for (const store of stores) describe(store.name, () => suite(store));
}
