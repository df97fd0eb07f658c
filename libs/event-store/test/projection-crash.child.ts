// Child process of projection-crash.int-spec.ts: runs the counting projection with the projection runner and
// prints `applied <batch size>` after every batch, `state <state>` on each change, and `caughtup` once the
// projection has reached the head of the log; the parent kill -9's it somewhere in between.
import { openPostgresEventStore, PostgresProjectionLeases, postgresCheckpointSignal } from '../src/postgres';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../src/projections';
import { openSqliteEventStore } from '../src/sqlite';
import { positionToString } from '../src';
import type { EventStore } from '../src';
import { postgresCounting, sqliteCounting } from './counting-projections';

async function main(): Promise<void> {
  const [backend, where, schema] = process.argv.slice(2);
  let store: EventStore;
  let options: ProjectionRunnerOptions = {};
  let counting;
  if (backend === 'sqlite') {
    store = await openSqliteEventStore({ file: `${where}/events.db` });
    counting = sqliteCounting(`${where}/counting.db`);
  } else {
    store = await openPostgresEventStore({ connectionString: where, schema: `${schema}_events` });
    counting = await postgresCounting(where, `${schema}_counting`);
    options = { leases: new PostgresProjectionLeases({ connectionString: where, scope: schema, heartbeatMs: 500 }), checkpointSignal: postgresCheckpointSignal(where), leaseRetryMs: 200 };
  }
  const head = (await store.readAll()).at(-1)!.position;
  const project = counting.project.bind(counting);
  counting.project = async (events) => {
    await project(events);
    process.stdout.write(`applied ${events.length}\n`);
  };
  let lastState = '';
  const runner = new ProjectionRunner(store, [counting], {
    ...options,
    batchSize: backend === 'sqlite' ? 100 : 20,
    hooks: {
      onStatus: (status) => {
        if (status.state !== lastState) process.stdout.write(`state ${(lastState = status.state)}\n`);
      },
      onError: (_name, error) => process.stdout.write(`error ${String(error)}\n`),
    },
  });
  runner.start();
  const poll = setInterval(() => {
    void runner.status('counting').then((status) => {
      if (status.position !== positionToString(head)) return;
      clearInterval(poll);
      process.stdout.write('caughtup\n');
    });
  }, 100);
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
