// Child process of sqlite-durability.int-spec.ts: appends one event at a time to the SQLite event store and
// prints `ack <revision> <event id>` only after the append has resolved, until the parent kills it.
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore, type SqliteSynchronous } from '../src/sqlite';

async function main(): Promise<void> {
  const [file, synchronous] = process.argv.slice(2);
  const store = await openSqliteEventStore({ file, synchronous: synchronous as SqliteSynchronous });
  for (let revision = 0; ; revision++) {
    const id = randomUUID();
    await store.appendToStream('durability/User/1', revision === 0 ? 'no_stream' : revision - 1, [
      { id, type: 'UserUpdated', schemaVersion: 1, data: { revision }, metadata: { tenant: 'durability', time: new Date().toISOString() } },
    ]);
    process.stdout.write(`ack ${revision} ${id}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
