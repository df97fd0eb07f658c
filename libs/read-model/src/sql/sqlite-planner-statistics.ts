// SQLite plans without statistics as if an equality on the first column of an index left ~10 rows, so
// `tenant = ? AND resource_type = ?` looks as selective as a userName lookup, and an OR of lookups on two
// indexes (`userName eq "a" or externalId eq "b"`) is answered by walking the tenant's rows instead of the
// OR-by-union plan (MULTI-INDEX OR, https://www.sqlite.org/optoverview.html#or_optimizations). The read model
// runs no ANALYZE, so it states the shape of its data in sqlite_stat1 instead, as SQLite allows
// (https://www.sqlite.org/optoverview.html#manual_control_of_query_plans_using_sqlite_stat_tables, stat1
// format: https://www.sqlite.org/fileformat2.html#the_sqlite_stat1_table): one large tenant, two resource
// types, and userName / id unique within them. Rows a real ANALYZE wrote are kept.

/** Average rows per index prefix: [index, "rows rows-per-tenant rows-per-type rows-per-value …"]. */
const SCIM_RESOURCES_STATISTICS: [string, string][] = [
  ['sqlite_autoindex_scim_resources_1', '1000000 1000000 500000 1'],
  ['scim_resources_user_name', '1000000 1000000 500000 1'],
  ['scim_resources_external_id', '1000000 1000000 500000 2'],
  ['scim_resources_display_name', '1000000 1000000 500000 2'],
  ['scim_resources_manager', '1000000 1000000 10'],
  ['scim_resources_created', '1000000 1000000 500000 1 1'],
];

/** Statements (run after the tables and indexes exist) that give the planner those statistics; idempotent. */
export const SQLITE_PLANNER_STATISTICS: string[] = [
  // ANALYZE of the schema table creates sqlite_stat1 when missing, analyses no table of ours, and (second
  // time) makes the connection load the statistics.
  'ANALYZE sqlite_schema',
  `INSERT INTO sqlite_stat1 (tbl, idx, stat)
   SELECT 'scim_resources', column1, column2 FROM (VALUES ${SCIM_RESOURCES_STATISTICS.map(([index, stat]) => `('${index}', '${stat}')`).join(', ')})
   WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = 'scim_resources')`,
  'ANALYZE sqlite_schema',
];
