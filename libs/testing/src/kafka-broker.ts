import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A broker a Kafka suite can use, or why there is none; `release` stops a broker the suite started itself. */
export type KafkaForTests = { ok: true; brokers: string[]; release(): void } | { ok: false; why: string };

const SCRIPT = resolve(__dirname, '../../../tools/kafka/kafka-broker.js');
const MISSING_TOOL = 3;

// Same check as the config's KAFKA_BROKERS rule; tests read the variable themselves (they are not a lib).
function fromEnvironment(value: string): KafkaForTests {
  if (!/^[A-Za-z0-9.-]+:\d+(,[A-Za-z0-9.-]+:\d+)*$/.test(value)) return { ok: false, why: `KAFKA_BROKERS=${value} is not host:port,…` };
  return { ok: true, brokers: value.split(','), release: () => undefined };
}

// A broker started by hand with `node tools/kafka/kafka-broker.js start` (default directory .kafka/).
function localBroker(): KafkaForTests | undefined {
  const status = spawnSync(process.execPath, [SCRIPT, 'status'], { encoding: 'utf8', timeout: 10_000 });
  const line = /^KAFKA_BROKERS=(\S+)$/m.exec(status.stdout ?? '');
  return status.status === 0 && line ? fromEnvironment(line[1]) : undefined;
}

/**
 * The brokers of KAFKA_BROKERS (CI starts one and sets it); else the one `kafka-broker.js start` left running
 * in .kafka/; otherwise a private single-node broker started
 * now with tools/kafka/kafka-broker.js (synchronously: Jest registers suites synchronously, so a suite without
 * Kafka can register as skipped). Java or Maven missing → `ok: false` with the reason; a broker that fails to
 * start with both present throws, because that is a fault to fix, not a machine without Kafka.
 */
export function kafkaForTests(): KafkaForTests {
  const configured = process.env['KAFKA_BROKERS'];
  if (configured) return fromEnvironment(configured);
  const local = localBroker();
  if (local) return local;
  const dir = mkdtempSync(join(tmpdir(), 'scim-hub-kafka-'));
  const started = spawnSync(process.execPath, [SCRIPT, 'start', '--dir', dir], { encoding: 'utf8', timeout: 300_000 });
  if (started.status === MISSING_TOOL) {
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, why: `KAFKA_BROKERS is not set and no broker can be started: ${started.stderr.trim()}` };
  }
  const line = /^KAFKA_BROKERS=(\S+)$/m.exec(started.stdout);
  if (started.status !== 0 || !line) throw new Error(`the test Kafka broker did not start:\n${started.stderr}`);
  const release = () => {
    spawnSync(process.execPath, [SCRIPT, 'stop', '--dir', dir], { encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  return { ok: true, brokers: line[1].split(','), release };
}
