import { type DynamicModule, Module } from '@nestjs/common';
import { NO_OUTBOUND_ENGINE, type OutboundControl, type TargetRegistry } from '@scim-hub/targets';
import { AdminTokenGuard } from '../admin-token.guard';
import { AdminOutboundController } from './admin-outbound.controller';
import { AdminTargetsController } from './admin-targets.controller';
import { OUTBOUND_CONTROL, TARGET_REGISTRY } from './admin-targets.tokens';

/** What the targets admin API works on. */
export interface AdminTargetsOptions {
  registry: TargetRegistry;
  /** The running outbound engine; without one the control endpoints answer 503. */
  control?: OutboundControl;
}

/** `/admin/targets` and its control endpoints, guarded by HUB_ADMIN_TOKEN; needs the global PlatformModule. */
@Module({})
export class AdminTargetsModule {
  static forRoot(options: AdminTargetsOptions): DynamicModule {
    return {
      module: AdminTargetsModule,
      controllers: [AdminTargetsController, AdminOutboundController],
      providers: [
        AdminTokenGuard,
        { provide: TARGET_REGISTRY, useValue: options.registry },
        { provide: OUTBOUND_CONTROL, useValue: options.control ?? NO_OUTBOUND_ENGINE },
      ],
    };
  }
}
