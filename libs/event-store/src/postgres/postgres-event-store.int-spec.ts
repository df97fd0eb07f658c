import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventStoreContract } from '../testing';
import { openPostgresEventStore } from './postgres-event-store';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `es_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

async function dropSchema(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

eventStoreContract(
  'PostgreSQL (real server, own schema)',
  () => openPostgresEventStore({ connectionString: url, schema, pollIntervalMs: 100 }),
  () => dropSchema(schema),
);
