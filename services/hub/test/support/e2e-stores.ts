// The stores every black-box suite runs against: the embedded default (SQLite) always, PostgreSQL when the
// test server answers — otherwise that run registers as skipped with the reason, never as a silent pass.
import { randomUUID } from 'node:crypto';
import { kafkaForTests, postgresReachable } from '@scim-hub/testing';
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

// PostgreSQL with the read model fed from Kafka (the relay runs inside the hub), on a topic of its own.
function postgresKafka(brokers: string[], release: () => void): StoreUnderTest {
  const base = postgres();
  return {
    name: 'HUB_STORE=postgres HUB_BUS=kafka',
    async setUp() {
      const env = await base.setUp();
      return { ...env, HUB_BUS: 'kafka', KAFKA_BROKERS: brokers.join(','), HUB_KAFKA_TOPIC: `scim-hub-e2e-${randomUUID().slice(0, 8)}` };
    },
    async tearDown() {
      await base.tearDown();
      release();
    },
  };
}

/** Options of forEachStore. */
export interface StoreChoice {
  /** Also run on PostgreSQL with HUB_BUS=kafka (a real broker; skipped with the reason when there is none). */
  kafka?: boolean;
}

/** Registers `suite` once per available store (a fresh database each for PostgreSQL). */
export function forEachStore(suite: (store: StoreUnderTest) => void, choice: StoreChoice = {}): void {
  const stores = [sqlite()];
  const pg = postgresReachable();
  if (pg.ok) stores.push(postgres());
  else {
    console.warn(`skipped: HUB_STORE=postgres — no PostgreSQL (${pg.why})`);
    describe.skip('HUB_STORE=postgres (skipped: no PostgreSQL)', () => it('runs this suite', () => undefined));
  }
  if (choice.kafka && pg.ok) stores.push(...kafkaOnPostgres());
  for (const store of stores) describe(store.name, () => suite(store));
}

/** PostgreSQL with HUB_BUS=kafka alone (none, registered as skipped with the reason, without PostgreSQL or Kafka). */
export function kafkaStores(): StoreUnderTest[] {
  const pg = postgresReachable();
  if (!pg.ok) {
    describe.skip(`HUB_STORE=postgres HUB_BUS=kafka (skipped: no PostgreSQL — ${pg.why})`, () => it('runs this suite', () => undefined));
    return [];
  }
  return kafkaOnPostgres();
}

function kafkaOnPostgres(): StoreUnderTest[] {
  const kafka = kafkaForTests();
  if (kafka.ok) return [postgresKafka(kafka.brokers, kafka.release)];
  console.warn(`skipped: HUB_STORE=postgres HUB_BUS=kafka — no Kafka (${kafka.why})`);
  describe.skip('HUB_STORE=postgres HUB_BUS=kafka (skipped: no Kafka)', () => it('runs this suite', () => undefined));
  return [];
}
