// The read-model tables, identical in shape on SQLite and PostgreSQL. `doc` is the canonical resource
// without `members` and `meta`; `*_ci` columns hold JS-lowercased copies (the evaluator's case folding),
// so case-insensitive equality on them needs no SQL lower() and can use the index.
import { SQLITE_PLANNER_STATISTICS } from './sqlite-planner-statistics';

/** Table and index DDL for SQLite (better-sqlite3); idempotent. */
export const SQLITE_READ_MODEL_DDL: string[] = [
  `CREATE TABLE IF NOT EXISTS scim_resources (
    tenant TEXT NOT NULL,
    resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
    id TEXT NOT NULL,
    user_name_ci TEXT,
    external_id TEXT,
    display_name_ci TEXT,
    manager_id TEXT,
    active INTEGER,
    created TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (tenant, resource_type, id)
  )`,
  'CREATE INDEX IF NOT EXISTS scim_resources_user_name ON scim_resources (tenant, resource_type, user_name_ci)',
  'CREATE INDEX IF NOT EXISTS scim_resources_external_id ON scim_resources (tenant, resource_type, external_id)',
  'CREATE INDEX IF NOT EXISTS scim_resources_display_name ON scim_resources (tenant, resource_type, display_name_ci)',
  'CREATE INDEX IF NOT EXISTS scim_resources_manager ON scim_resources (tenant, manager_id)',
  'CREATE INDEX IF NOT EXISTS scim_resources_created ON scim_resources (tenant, resource_type, created, id)',
  `CREATE TABLE IF NOT EXISTS scim_emails (
    tenant TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    value_ci TEXT,
    type_ci TEXT,
    is_primary INTEGER,
    display TEXT,
    PRIMARY KEY (tenant, resource_type, id, ord)
  )`,
  'CREATE INDEX IF NOT EXISTS scim_emails_value ON scim_emails (tenant, value_ci)',
  `CREATE TABLE IF NOT EXISTS scim_group_members (
    tenant TEXT NOT NULL,
    group_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    member_type TEXT,
    display TEXT,
    PRIMARY KEY (tenant, group_id, member_id)
  )`,
  // (tenant, member_id, group_id) covers "which groups is X in" without touching the table (User `groups`).
  'DROP INDEX IF EXISTS scim_group_members_member',
  'CREATE INDEX IF NOT EXISTS scim_group_members_by_member ON scim_group_members (tenant, member_id, group_id)',
  ...SQLITE_PLANNER_STATISTICS,
];

const SAFE_SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Table and index DDL for PostgreSQL inside `schema` (created if missing); idempotent. `doc` is JSONB.
 * The paging index orders ids with COLLATE "C", the byte order SQLite uses, so both backends page alike.
 */
export function postgresReadModelDdl(schema: string): string[] {
  if (!SAFE_SCHEMA.test(schema)) throw new Error(`Invalid PostgreSQL schema name '${schema}'`);
  const s = `"${schema}"`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.scim_resources (
      tenant text NOT NULL,
      resource_type text NOT NULL CHECK (resource_type IN ('User', 'Group')),
      id text NOT NULL,
      user_name_ci text,
      external_id text,
      display_name_ci text,
      manager_id text,
      active boolean,
      created text NOT NULL,
      last_modified text NOT NULL,
      version bigint NOT NULL,
      doc jsonb NOT NULL,
      PRIMARY KEY (tenant, resource_type, id)
    )`,
    `CREATE INDEX IF NOT EXISTS scim_resources_user_name ON ${s}.scim_resources (tenant, resource_type, user_name_ci)`,
    `CREATE INDEX IF NOT EXISTS scim_resources_external_id ON ${s}.scim_resources (tenant, resource_type, external_id)`,
    `CREATE INDEX IF NOT EXISTS scim_resources_display_name ON ${s}.scim_resources (tenant, resource_type, display_name_ci)`,
    `CREATE INDEX IF NOT EXISTS scim_resources_manager ON ${s}.scim_resources (tenant, manager_id)`,
    `CREATE INDEX IF NOT EXISTS scim_resources_created ON ${s}.scim_resources (tenant, resource_type, created COLLATE "C", id COLLATE "C")`,
    `CREATE TABLE IF NOT EXISTS ${s}.scim_emails (
      tenant text NOT NULL,
      resource_type text NOT NULL,
      id text NOT NULL,
      ord integer NOT NULL,
      value_ci text,
      type_ci text,
      is_primary boolean,
      display text,
      PRIMARY KEY (tenant, resource_type, id, ord)
    )`,
    `CREATE INDEX IF NOT EXISTS scim_emails_value ON ${s}.scim_emails (tenant, value_ci)`,
    `CREATE TABLE IF NOT EXISTS ${s}.scim_group_members (
      tenant text NOT NULL,
      group_id text NOT NULL,
      member_id text NOT NULL,
      member_type text,
      display text,
      PRIMARY KEY (tenant, group_id, member_id)
    )`,
    `DROP INDEX IF EXISTS ${s}.scim_group_members_member`,
    `CREATE INDEX IF NOT EXISTS scim_group_members_by_member ON ${s}.scim_group_members (tenant, member_id, group_id)`,
  ];
}
