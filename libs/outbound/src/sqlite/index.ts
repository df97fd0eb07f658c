/** The SQLite delivery state (embedded mode): `openSqliteDeliveryState({ file })` and its class. */
export { openSqliteDeliveryState, SqliteDeliveryState, type SqliteDeliveryStateOptions } from './sqlite-delivery-state';
