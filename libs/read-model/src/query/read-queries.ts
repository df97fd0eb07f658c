// The read side of the port, written once for both dialects over an async runner. SQL uses `?`
// placeholders; SqlBuilder numbers them for PostgreSQL.
import type { MemberRef, ResourceSchema } from '@scim-hub/scim';
import type {
  ListQuery,
  ListResult,
  MemberPage,
  MemberPageQuery,
  ReadModelResourceType,
  ReadOptions,
  StoredResource,
} from '../read-model.port';
import { compileFilter } from '../sql';
import { PageOrder, type OrderedRow } from './page-order';
import { SqlBuilder, type SqlDialect, type SqlQuery } from './sql-builder';
import { toMemberRef, toStoredResource, type MemberRowOut, type ResourceRowOut } from './stored-resource.mapper';

/** Runs one read statement and returns its rows. */
export type SqlReader = <T>(query: SqlQuery) => Promise<T[]>;

/**
 * Runs `work`, whose reads all see one snapshot (SQLite: back to back on one connection, with no turn of the
 * event loop between them, so no projection batch can land in between).
 */
export type SnapshotReader = <T>(work: (read: (query: SqlQuery) => unknown[]) => T) => Promise<T>;

/** The SCIM schemas filters are compiled against, per resource type (custom extensions included). */
export type ResourceSchemas = Record<ReadModelResourceType, ResourceSchema>;

type PageRow = ResourceRowOut & OrderedRow;

// Every LIMIT is `+?`, never a bare `?`: SQLite's planner reads a bare bound LIMIT, so binding it (at every run)
// makes SQLite prepare the statement again, which costs more than the lookup itself (docs/performance-history.md, round 5).
const RESOURCE_COLUMNS = 'r.id, r.doc, r.version, r.created, r.last_modified';
const MEMBER_COLUMNS = 'm.member_id, m.member_type, m.display';

/** getResource, list and listMembers for one dialect. */
export class ReadQueries {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly read: SqlReader,
    private readonly schemas: ResourceSchemas,
    private readonly readSnapshot?: SnapshotReader,
  ) {}

  async getResource(
    tenant: string,
    resourceType: ReadModelResourceType,
    id: string,
    options: ReadOptions,
  ): Promise<StoredResource | undefined> {
    const query = this.sql().add(`SELECT ${RESOURCE_COLUMNS}`);
    if (wantsGroups(resourceType, options)) this.addGroupsColumn(query, tenant, 'r.id');
    query.add(' FROM scim_resources r WHERE r.tenant = ? AND r.resource_type = ? AND r.id = ?', tenant, resourceType, id);
    const [row] = await this.read<ResourceRowOut>(query.build());
    if (!row) return undefined;
    // RFC 7644 §3.4.2.5 / Entra excludedAttributes=members: without includeMembers the membership table is not read.
    if (resourceType !== 'Group' || !options.includeMembers) return toStoredResource(row);
    const members = await this.membersOf(tenant, [row.id]);
    return toStoredResource(row, members.get(row.id) ?? []);
  }

  async list(tenant: string, resourceType: ReadModelResourceType, query: ListQuery): Promise<ListResult> {
    const order = new PageOrder(this.dialect, query, this.schemas[resourceType]);
    const { totalResults, rows } = await this.countAndPage(tenant, resourceType, query, order);
    const pageRows = order.seek ? rows.slice(0, order.limit - 1) : rows;
    if (order.seek?.direction === 'before') pageRows.reverse();
    let members: Map<string, MemberRef[]> | undefined;
    if (resourceType === 'Group' && query.includeMembers && pageRows.length > 0) members = await this.membersOf(tenant, pageRows.map((row) => row.id));
    const resources = pageRows.map((row) => (members ? toStoredResource(row, members.get(row.id) ?? []) : toStoredResource(row)));
    if (!order.seek) return { totalResults, resources };
    return { totalResults, resources, bounds: order.bounds(pageRows, rows.length >= order.limit) };
  }

  async listMembers(tenant: string, groupId: string, query: MemberPageQuery): Promise<MemberPage> {
    const limit = Math.max(0, Math.floor(query.limit));
    const sql = this.sql().add(
      `SELECT ${MEMBER_COLUMNS} FROM scim_group_members m WHERE m.tenant = ? AND m.group_id = ? AND m.member_id > ?
       ORDER BY m.member_id LIMIT +?`,
      tenant, groupId, query.after ?? '', limit + 1,
    );
    const rows = await this.read<MemberRowOut>(sql.build());
    const members = rows.slice(0, limit).map(toMemberRef);
    return rows.length > limit && members.length > 0 ? { members, next: members[members.length - 1].value } : { members };
  }

  // The count and the page from one snapshot: plain statements where the reader guarantees that (they are
  // several times cheaper than the combined one on SQLite, which must materialise and join), else one statement.
  // A first page shorter than asked for holds every match, so its length is the count (Entra's `userName eq`),
  // and no count is read.
  private async countAndPage(tenant: string, resourceType: ReadModelResourceType, query: ListQuery, order: PageOrder) {
    if (this.readSnapshot) {
      return this.readSnapshot((read) => {
        const rows = read(this.rowsQuery(tenant, resourceType, query, order)) as PageRow[];
        if (isFirstPage(order) && rows.length < order.limit) return { totalResults: rows.length, rows };
        const [counted] = read(this.countQuery(tenant, resourceType, query)) as { total: unknown }[];
        return { totalResults: Number(counted.total), rows };
      });
    }
    // A first page read alone that is shorter than asked for is its own count, in one statement (Entra's
    // `userName eq`); otherwise the count and the page are read together.
    if (isFirstPage(order)) {
      const rows = await this.read<PageRow>(this.rowsQuery(tenant, resourceType, query, order));
      if (rows.length < order.limit) return { totalResults: rows.length, rows };
    }
    const rows = await this.read<PageRow & { total: unknown }>(this.pageQuery(tenant, resourceType, query, order));
    return { totalResults: Number(rows[0]?.total ?? 0), rows: rows.filter((row) => row.id !== null && row.id !== undefined) };
  }

  private countQuery(tenant: string, resourceType: ReadModelResourceType, query: ListQuery): SqlQuery {
    const sql = this.sql().add('SELECT count(*) AS total FROM scim_resources r WHERE');
    this.where(sql, tenant, resourceType, query);
    return sql.build();
  }

  private rowsQuery(tenant: string, resourceType: ReadModelResourceType, query: ListQuery, order: PageOrder): SqlQuery {
    const sql = this.sql();
    this.addPage(sql, tenant, resourceType, query, order);
    return sql.build();
  }

  // One statement for the count and the page, so both come from the same snapshot; the outer LEFT JOIN
  // keeps the count when the page is empty (startIndex past the end, or count=0).
  private pageQuery(tenant: string, resourceType: ReadModelResourceType, query: ListQuery, order: PageOrder): SqlQuery {
    const sql = this.sql().add('SELECT t.total, page.* FROM (SELECT count(*) AS total FROM scim_resources r WHERE');
    this.where(sql, tenant, resourceType, query);
    sql.add(') t LEFT JOIN (');
    this.addPage(sql, tenant, resourceType, query, order);
    sql.add(') page ON 1 = 1');
    return sql.build();
  }

  // The page's rows in page order. With groups, they are read for the page's rows only, by a query around the page:
  // in the page's own query SQLite would read them for every match it sorts, before LIMIT (its OFFSET keeps the page
  // from being merged into the outer query, and the outer query keeps the page's order, as pageQuery's join does).
  private addPage(sql: SqlBuilder, tenant: string, resourceType: ReadModelResourceType, query: ListQuery, order: PageOrder): void {
    const groups = wantsGroups(resourceType, query);
    if (groups) this.addGroupsColumn(sql.add('SELECT page.*'), tenant, 'page.id').add('FROM (');
    sql.add(`SELECT ${RESOURCE_COLUMNS}${order.columns()} FROM scim_resources r WHERE`);
    this.where(sql, tenant, resourceType, query);
    order.addSeek(sql);
    sql.add(`ORDER BY ${order.orderBy(query.filter !== undefined)} LIMIT +? OFFSET ?`, order.limit, order.offset);
    if (groups) sql.add(') page');
  }

  /**
   * `, (…) AS groups`: the groups of the user whose id is `userId` (RFC 7643 §4.1.2), read in the resource's own
   * statement (see groupsColumn). The column's text is built once per dialect and column.
   */
  private addGroupsColumn(sql: SqlBuilder, tenant: string, userId: string): SqlBuilder {
    const key = `${this.dialect} ${userId}`;
    let text = GROUPS_COLUMNS.get(key);
    if (text === undefined) GROUPS_COLUMNS.set(key, (text = groupsColumn(this.dialect, userId)));
    return sql.add(text, tenant, tenant, tenant, tenant);
  }

  private where(sql: SqlBuilder, tenant: string, resourceType: ReadModelResourceType, query: ListQuery): void {
    sql.add('r.tenant = ? AND r.resource_type = ?', tenant, resourceType);
    if (!query.filter) return;
    const { filter } = query;
    const schema = this.schemas[resourceType];
    sql.add('AND (').addFragment((paramOffset) => compileFilter(filter, { dialect: this.dialect, schema, paramOffset })).add(')');
  }

  private async membersOf(tenant: string, groupIds: string[]): Promise<Map<string, MemberRef[]>> {
    const sql = this.sql().add('SELECT m.group_id, ' + MEMBER_COLUMNS + ' FROM scim_group_members m WHERE m.tenant = ? AND', tenant);
    this.inList(sql, 'm.group_id', groupIds);
    sql.add('ORDER BY m.group_id, m.member_id');
    const byGroup = new Map<string, MemberRef[]>();
    for (const row of await this.read<MemberRowOut & { group_id: string }>(sql.build())) {
      const list = byGroup.get(row.group_id) ?? [];
      list.push(toMemberRef(row));
      byGroup.set(row.group_id, list);
    }
    return byGroup;
  }

  private inList(sql: SqlBuilder, column: string, values: string[]): void {
    sql.add(`${column} IN (`);
    values.forEach((value, i) => sql.add(i === 0 ? '?' : ', ?', value));
    sql.add(')');
  }

  private sql(): SqlBuilder {
    return new SqlBuilder(this.dialect);
  }
}

// Only a user has `groups`, and only a read that asks for them reads them.
function wantsGroups(resourceType: ReadModelResourceType, options: ReadOptions): boolean {
  return resourceType === 'User' && options.includeGroups === true;
}

// The first page of a list (no offset, no cursor key): when it comes back shorter than asked for, it holds every
// match, so its length is the count.
function isFirstPage(order: PageOrder): boolean {
  return order.offset === 0 && !order.seek?.key;
}

const GROUPS_COLUMNS = new Map<string, string>();

/**
 * The groups column: direct memberships and, through nested groups, indirect ones, as a JSON array of
 * [id, display, direct] in id order. Most users belong to no group: an EXISTS probe on the membership index answers
 * those, and the recursive walk runs only for members (it costs about a third of a filter's statement on SQLite).
 * CROSS JOIN keeps `parents` (a handful of groups) as the outer loop on SQLite, whose planner has no statistics and
 * would otherwise scan every membership / group row of the tenant per user. UNION drops repeats, so a cycle of
 * nested groups ends. No groups reads NULL (the mapper's empty list).
 */
function groupsColumn(dialect: SqlDialect, userId: string): string {
  const display = dialect === 'postgres' ? `g.doc->>'displayName'` : `json_extract(g.doc, '$.displayName')`;
  const tuple = dialect === 'postgres' ? `json_build_array(g.id, ${display}, d.direct)` : `json_array(g.id, ${display}, d.direct)`;
  const aggregate = dialect === 'postgres' ? 'json_agg' : 'json_group_array';
  return `, CASE WHEN EXISTS (SELECT 1 FROM scim_group_members m0 WHERE m0.tenant = ? AND m0.member_id = ${userId}) THEN (
       WITH RECURSIVE parents(group_id, direct) AS (
         SELECT m.group_id, 1 FROM scim_group_members m WHERE m.tenant = ? AND m.member_id = ${userId}
         UNION
         SELECT m.group_id, 0 FROM parents p CROSS JOIN scim_group_members m WHERE m.tenant = ? AND m.member_id = p.group_id)
       SELECT ${aggregate}(${tuple} ORDER BY g.id)
       FROM (SELECT group_id, max(direct) AS direct FROM parents GROUP BY group_id) d
       CROSS JOIN scim_resources g WHERE g.tenant = ? AND g.resource_type = 'Group' AND g.id = d.group_id) END AS groups`;
}
