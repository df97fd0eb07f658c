import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing';
import { openEventStoreDbEventStore } from './esdb-event-store';

const SKIP_REASON = 'skipped: no EventStoreDB (set EVENTSTORE_URL or run Docker)';
const IMAGE = 'eventstore/eventstore:24.10';

/**
 * Jest decides between describe and describe.skip synchronously, so the Docker check runs here: first cheap
 * hints (DOCKER_HOST, a socket, a testcontainers config), and only then testcontainers' own runtime probe
 * in a child process (it takes seconds to give up on a machine without any engine).
 */
function dockerAvailable(): boolean {
  const hints = [
    process.env.DOCKER_HOST,
    process.env.TESTCONTAINERS_HOST_OVERRIDE,
    ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock'), join(homedir(), '.testcontainers.properties')].find(
      existsSync,
    ),
  ];
  if (!hints.some(Boolean)) return false;
  try {
    execFileSync(process.execPath, ['-e', "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))"], {
      stdio: 'ignore',
      timeout: 20_000,
    });
    return true;
  } catch {
    return false;
  }
}

const configuredUrl = process.env.EVENTSTORE_URL;
const useDocker = !configuredUrl && dockerAvailable();
let url = configuredUrl ?? '';
let stopContainer: (() => Promise<unknown>) | undefined;

if (configuredUrl || useDocker) {
  if (useDocker) {
    beforeAll(async () => {
      const { GenericContainer, Wait } = await import('testcontainers');
      const container = await new GenericContainer(IMAGE)
        .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      stopContainer = () => container.stop();
    }, 180_000);
    afterAll(async () => {
      await stopContainer?.();
    });
  }
  eventStoreContract(`EventStoreDB (${useDocker ? IMAGE : 'EVENTSTORE_URL'})`, () =>
    openEventStoreDbEventStore({ connectionString: url }),
  );
} else {
  console.warn(SKIP_REASON);
  describe.skip(`EventStoreDB — ${SKIP_REASON}`, () => {
    eventStoreContract('EventStoreDB', () => openEventStoreDbEventStore({ connectionString: 'esdb://unset' }));
  });
}
