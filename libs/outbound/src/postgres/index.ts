/** The PostgreSQL delivery state (scale-out mode): `openPostgresDeliveryState({ connectionString, schema })` and its class. */
export { openPostgresDeliveryState, PostgresDeliveryState, type PostgresDeliveryStateOptions } from './postgres-delivery-state';
