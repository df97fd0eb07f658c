import { type DynamicModule, Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness.registry';

/** Global Nest module providing the ReadinessRegistry and serving `/healthz` and `/readyz`. */
@Global()
@Module({})
export class HealthModule {
  static forRoot(readiness: ReadinessRegistry = new ReadinessRegistry()): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: ReadinessRegistry, useValue: readiness }],
      exports: [ReadinessRegistry],
    };
  }
}
