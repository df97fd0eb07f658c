/** Opens the PostgreSQL read model (scale-out mode); its options. */
export { openPostgresReadModel, type PostgresReadModelOptions } from './postgres-read-model';
