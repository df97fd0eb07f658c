/** Table and index DDL of the read model: SQLITE_READ_MODEL_DDL and postgresReadModelDdl(schema). */
export { SQLITE_READ_MODEL_DDL, postgresReadModelDdl } from './read-model.ddl';
/** resourceRows(tenant, resourceType, resource, meta): the pure mapping of a canonical resource to its rows. */
export { resourceRows, changedColumns, sameEmailRows } from './resource-rows';
export type { ResourceRow, EmailRow, MemberRow, ResourceRows, ResourceRowMeta } from './resource-rows';
/** compileFilter(filter, { dialect, schema }): a SCIM filter as a parameterised WHERE fragment over alias `r`. */
export { compileFilter } from './filter.compiler';
export type { CompileFilterOptions, CompiledFilter } from './filter.compiler';
/** registerSqliteFunctions(db): adds scim_lower and scim_datetime_ms, which compiled SQLite filters call. */
export { registerSqliteFunctions } from './sqlite-functions';
export type { SqliteFunctionHost } from './sqlite-functions';
export type { SqlDialect } from './sql-params';
