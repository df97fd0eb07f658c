import type { INestApplication } from '@nestjs/common';
import type { ReadinessRegistry } from '../health';
import type { HubLogger } from '../logging';

/** What a graceful shutdown needs; `exit` is injectable for tests. */
export interface GracefulShutdownOptions {
  readonly logger: HubLogger;
  readonly readiness?: ReadinessRegistry;
  /** Give up draining after this long and exit 1 (Kubernetes' default grace period is 30 s). */
  readonly timeoutMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  readonly exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: fail readiness, stop accepting, let in-flight requests finish, run the close
 * hooks (Nest onApplicationShutdown, ShutdownRegistry) and exit 0; exit 1 if that fails or times out.
 * Returns the shutdown function so callers (and tests) can trigger it directly.
 */
export function installGracefulShutdown(app: INestApplication, options: GracefulShutdownOptions): () => Promise<void> {
  const { logger, timeoutMs = 25_000, signals = ['SIGTERM', 'SIGINT'] } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shutting: Promise<void> | undefined;
  const shutdown = (signal = 'shutdown') =>
    (shutting ??= (async () => {
      logger.info({ signal }, 'shutting down: draining in-flight requests');
      options.readiness?.markDraining();
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out');
        exit(1);
      }, timeoutMs);
      timer.unref();
      try {
        // Drain first: Nest's close() runs onModuleDestroy hooks (e.g. the CQRS event bus unsubscribing)
        // before it stops the server, which would pull the rug from requests still in flight.
        await app.getHttpAdapter().close();
        await app.close();
        logger.info('shutdown complete');
        exit(0);
      } catch (err) {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      } finally {
        clearTimeout(timer);
      }
    })());
  for (const signal of signals) process.once(signal, () => void shutdown(signal));
  return () => shutdown();
}
