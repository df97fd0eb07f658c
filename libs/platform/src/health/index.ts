/** Registry of readiness checks other modules add to, and the caught-up check helper. */
export * from './readiness.registry';
/** Nest module serving `/healthz` and `/readyz`. */
export { HealthModule } from './health.module';
/** Controller behind `/healthz` and `/readyz`. */
export { HealthController } from './health.controller';
