/** The /admin/projections controller and its injection token. */
export { AdminProjectionsController, PROJECTION_RUNNER } from './admin-projections.controller';
/** The module serving /admin/projections over a composed projection runner. */
export { AdminProjectionsModule } from './admin-projections.module';
/** Validated body of POST /admin/projections/{name}/replay. */
export { ReplayProjectionDto } from './replay-projection.dto';
