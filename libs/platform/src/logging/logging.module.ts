import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { HubLogger } from './create-logger';

/** Injection token of the HubLogger. */
export const HUB_LOGGER = Symbol('HUB_LOGGER');

/** Parameter decorator injecting the HubLogger. */
export const InjectLogger = (): ParameterDecorator => Inject(HUB_LOGGER);

/** Global Nest module providing the process-wide HubLogger. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: HubLogger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: HUB_LOGGER, useValue: logger }], exports: [HUB_LOGGER] };
  }
}
