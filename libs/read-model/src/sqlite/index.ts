/** Opens the SQLite read model (embedded mode); its options. */
export { openSqliteReadModel, type SqliteReadModelOptions } from './sqlite-read-model';
