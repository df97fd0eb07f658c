// Bus benchmark (npm run bench:bus): relay throughput (store log → Kafka, events/s) and append → consumer
// latency p50/p99 on Kafka beside the log-backed bus, measured on the same appends in the same run.
// Kafka: KAFKA_BROKERS, else a broker started from tools/kafka for the run. Bounded: seconds, not minutes.
// Options: --backlog N (events relayed for the throughput figure), --probes N, --interval-ms N.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventStore, NewEvent } from '@scim-hub/event-store';
import { comparePositions } from '@scim-hub/event-store';
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { kafkaForTests, until } from '@scim-hub/testing';
import { createKafkaBus, openKafkaPublisher } from '../src/kafka';
import { createLogBus } from '../src/log';
import { singleProcessLease, startRelay } from '../src/relay';
import { percentile, printRows, type BusBenchRow } from './bench-stats';
import { LatencyProbe } from './latency-probe';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const event = (n: number): NewEvent => ({ id: randomUUID(), type: 'BenchEvent', schemaVersion: 1, data: { n }, metadata: { tenant: 'bench', time: new Date().toISOString() } });

async function appendBacklog(store: EventStore, count: number): Promise<void> {
  for (let n = 0; n < count; n += 100) {
    const events = Array.from({ length: Math.min(100, count - n) }, (_, i) => event(n + i));
    await store.appendToStream(`bench/User/s${n % 1000}`, 'any', events);
  }
}

function versions(external: boolean): string {
  const root = resolve(__dirname, '../../..');
  const pom = readFileSync(join(root, 'tools/kafka/pom.xml'), 'utf8');
  const broker = external ? 'external broker (KAFKA_BROKERS)' : `Apache Kafka ${/<kafka.version>([^<]+)</.exec(pom)?.[1]} (tools/kafka)`;
  const client = JSON.parse(readFileSync(join(root, 'node_modules/kafkajs/package.json'), 'utf8')).version;
  return `${broker}, kafkajs ${client}, Node.js ${process.version}`;
}

async function main(): Promise<void> {
  const backlog = option('backlog', 20_000);
  const probes = option('probes', 500);
  const intervalMs = option('interval-ms', 5);
  const kafka = kafkaForTests();
  if (!kafka.ok) throw new Error(`no Kafka: ${kafka.why}`);
  const dir = mkdtempSync(join(tmpdir(), 'bus-bench-'));
  const store = await openSqliteEventStore({ file: join(dir, 'events.db') });
  const options = { brokers: kafka.brokers, topic: `scim-hub-bench-${randomUUID().slice(0, 8)}` };
  const rows: BusBenchRow[] = [];
  try {
    await appendBacklog(store, backlog);
    const publisher = await openKafkaPublisher(options);
    const started = performance.now();
    const relay = startRelay({ store, publisher, lease: singleProcessLease(), checkpointName: 'relay:bench' });
    const head = (await store.readAll({})).at(-1)!.position;
    await until(() => relay.position !== undefined && comparePositions(relay.position, head) >= 0, 'relay caught up', 120_000, 5);
    const seconds = (performance.now() - started) / 1000;
    rows.push({ bus: 'kafka', metric: `relay throughput (${backlog} events)`, value: `${Math.round(backlog / seconds)} events/s` });
    rows.push(...(await measureLatency(store, options, probes, intervalMs)));
    await relay.stop();
    await publisher.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    kafka.release();
  }
  printRows(rows);
  console.log(`versions: ${versions(!!process.env.KAFKA_BROKERS)}; measured on a shared, loaded machine`);
}

// Both consumers are caught up first; then events are appended one at a time, `intervalMs` apart.
async function measureLatency(store: EventStore, options: { brokers: string[]; topic: string }, probes: number, intervalMs: number): Promise<BusBenchRow[]> {
  const probe = new LatencyProbe();
  const kafkaBus = createKafkaBus(options);
  const logBus = createLogBus(store);
  const consumers = [await kafkaBus.consume({ group: 'bench', handle: probe.handler('kafka') }), await logBus.consume({ group: 'bench', handle: probe.handler('log') })];
  const warmUp = event(-1);
  probe.appended(warmUp.id);
  await store.appendToStream('bench/User/warm-up', 'any', [warmUp]);
  await until(() => probe.received('kafka') > 0 && probe.received('log') > 0, 'both consumers running', 120_000, 5);
  probe.reset();
  for (let n = 0; n < probes; n++) {
    const e = event(n);
    probe.appended(e.id);
    await store.appendToStream(`bench/User/p${n % 50}`, 'any', [e]);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  await until(() => probe.received('kafka') >= probes && probe.received('log') >= probes, 'every probe consumed', 120_000, 5);
  for (const consumer of consumers) await consumer.stop();
  await kafkaBus.close();
  await logBus.close();
  return ['log', 'kafka'].flatMap((bus) => {
    const sample = probe.latencies.get(bus) ?? [];
    const fmt = (p: number) => `${percentile(sample, p).toFixed(1)} ms`;
    return [{ bus, metric: `append → consumer p50 (${sample.length} events, ${intervalMs} ms apart)`, value: fmt(50) }, { bus, metric: 'append → consumer p99', value: fmt(99) }];
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
