import { type DynamicModule, Module } from '@nestjs/common';
import type { ProjectionRunner } from '@scim-hub/event-store/projections';
import { AdminTokenGuard } from '../admin-token.guard';
import { AdminProjectionsController, PROJECTION_RUNNER } from './admin-projections.controller';

/** `/admin/projections` over the runner the hub composed (guarded by HUB_ADMIN_TOKEN like the rest of /admin). */
@Module({})
export class AdminProjectionsModule {
  static forRoot(runner: ProjectionRunner): DynamicModule {
    return {
      module: AdminProjectionsModule,
      controllers: [AdminProjectionsController],
      providers: [AdminTokenGuard, { provide: PROJECTION_RUNNER, useValue: runner }],
    };
  }
}
