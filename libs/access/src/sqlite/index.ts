/** SQLite TokenStore adapter (`<HUB_DATA_DIR>/access.db`) and its file name. */
export { SqliteTokenStore, ACCESS_DB_FILE } from './sqlite-token-store';
