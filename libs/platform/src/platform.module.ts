import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, type HubConfig } from './config';
import { HealthModule, ReadinessRegistry } from './health';
import { ShutdownRegistry } from './http/shutdown.registry';
import { type HubLogger, LoggingModule } from './logging';
import { MetricsModule, MetricsService } from './metrics';

/** The shared services a process builds once and hands to PlatformModule. */
export interface PlatformServices {
  readonly config: HubConfig;
  readonly logger: HubLogger;
  readonly metrics?: MetricsService;
  readonly readiness?: ReadinessRegistry;
  readonly shutdown?: ShutdownRegistry;
}

/** Config, logger, metrics (`/metrics`), health (`/healthz`, `/readyz`) and close hooks, globally. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(services: PlatformServices): DynamicModule {
    const shutdown = services.shutdown ?? new ShutdownRegistry();
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(services.config),
        LoggingModule.forRoot(services.logger),
        MetricsModule.forRoot(services.metrics ?? new MetricsService({ defaultMetrics: true })),
        HealthModule.forRoot(services.readiness ?? new ReadinessRegistry()),
      ],
      providers: [{ provide: ShutdownRegistry, useValue: shutdown }],
      exports: [ShutdownRegistry],
    };
  }
}
