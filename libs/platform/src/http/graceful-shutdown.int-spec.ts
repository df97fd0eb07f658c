import { Controller, Get, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config';
import { ReadinessRegistry } from '../health';
import { PlatformModule } from '../platform.module';
import { capturedLogger } from '../testing';
import { createHttpApp } from './create-http-app';
import { installGracefulShutdown } from './graceful-shutdown';
import { ShutdownRegistry } from './shutdown.registry';

// Real HTTP: a request in flight when shutdown starts must complete before the close hooks run.
const events: string[] = [];
let releaseSlow!: () => void;
let slowStarted!: () => void;
const slowArrived = new Promise<void>((resolve) => (slowStarted = resolve));

@Controller()
class SlowController {
  @Get('slow')
  async slow() {
    slowStarted();
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    events.push('slow request answered');
    return { done: true };
  }
}

// Stands for Nest providers that tear down in onModuleDestroy (e.g. the CQRS event bus).
@Injectable()
class DestroyRecorder implements OnModuleDestroy {
  onModuleDestroy() {
    events.push('module destroyed');
  }
}

describe('installGracefulShutdown', () => {
  let app: NestFastifyApplication;
  let base: string;
  const shutdownRegistry = new ShutdownRegistry();
  const readiness = new ReadinessRegistry();
  const { logger } = capturedLogger();

  beforeAll(async () => {
    const config = loadConfig({ HUB_HOST: '127.0.0.1' });
    @Module({ imports: [PlatformModule.forRoot({ config, logger, readiness, shutdown: shutdownRegistry })], controllers: [SlowController], providers: [DestroyRecorder] })
    class TestModule {}
    app = await createHttpApp(TestModule, config, { logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.getHttpAdapter().getInstance().close();
  });

  it('drains in-flight requests before any Nest hook, then runs close hooks in reverse order, then exits 0', async () => {
    shutdownRegistry.register('event store', () => void events.push('event store closed'));
    shutdownRegistry.register('read model', async () => void events.push('read model closed'));
    const exitCodes: number[] = [];
    let exited!: () => void;
    const exitCalled = new Promise<void>((resolve) => (exited = resolve));
    const shutdown = installGracefulShutdown(app, { logger, readiness, signals: [], exit: (code) => (exitCodes.push(code), exited()) });

    const inFlight = fetch(`${base}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await slowArrived;
    const closing = shutdown();
    expect((await readiness.evaluate()).ready).toBe(false);
    await expect(fetch(`${base}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();
    releaseSlow();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closing;
    await exitCalled;
    expect(exitCodes).toEqual([0]);
    expect(events).toEqual(['slow request answered', 'module destroyed', 'read model closed', 'event store closed']);
  });
});
