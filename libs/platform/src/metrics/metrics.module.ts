import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService, type MetricsOptions } from './metrics.service';

/** Global Nest module providing the MetricsService and serving `/metrics`. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: MetricsService | MetricsOptions = {}): DynamicModule {
    const service = metrics instanceof MetricsService ? metrics : new MetricsService(metrics);
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: MetricsService, useValue: service }],
      exports: [MetricsService],
    };
  }
}
