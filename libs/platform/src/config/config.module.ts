import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { HubConfig } from './hub-config';
import { loadConfig } from './load-config';

/** Injection token of the HubConfig. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');

/** Parameter decorator injecting the HubConfig. */
export const InjectConfig = (): ParameterDecorator => Inject(HUB_CONFIG);

/** Global Nest module providing the HubConfig (loaded once, at composition time). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HubConfig = loadConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: HUB_CONFIG, useValue: config }], exports: [HUB_CONFIG] };
  }
}
