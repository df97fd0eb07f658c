// The order of a list and where one page of it starts: RFC 7644 §3.4.2.3 sorting (when asked for) ahead of the
// stable (created, id) order, and index paging (LIMIT/OFFSET) or keyset paging (a row value comparison with the
// key of the previous page's edge, what RFC 9865 cursors carry).
import { bindSort, type ResourceSchema } from '@scim-hub/scim';
import type { ListQuery, PageBounds, PageKey, PageSeek } from '../read-model.port';
import { InvalidPageKey } from '../read-model.errors';
import type { SqlDialect } from '../sql';
import { sortValueSql } from '../sql/sort-key';
import type { SqlBuilder } from './sql-builder';

/** A row as the page reads it: its created and id, and the sort columns when the list is sorted. */
export interface OrderedRow {
  id: string;
  created: unknown;
  sort_null?: unknown;
  sort_value?: unknown;
}

/** The ORDER BY, paging window and keyset condition of one list query. */
export class PageOrder {
  /** Rows to read: a seek reads one more than the page to learn whether more follow. */
  readonly limit: number;
  readonly offset: number;
  readonly seek?: PageSeek;
  private readonly flag?: string;
  private readonly value?: string;
  /** Whether rows are read in descending order (a descending sort, or walking backwards, but not both). */
  private readonly descending: boolean;

  constructor(
    private readonly dialect: SqlDialect,
    query: ListQuery,
    schema: ResourceSchema,
  ) {
    const sortValue = query.sort ? sortValueSql(dialect, bindSort(query.sort.by, schema)) : undefined;
    if (sortValue) {
      this.flag = `(CASE WHEN ${sortValue} IS NULL THEN '1' ELSE '0' END)`;
      this.value = `COALESCE(${sortValue}, '')`;
    }
    const count = Math.max(0, Math.floor(query.count));
    this.seek = query.seek;
    this.limit = query.seek ? count + 1 : count;
    this.offset = query.seek ? 0 : Math.max(0, Math.floor(query.startIndex) - 1);
    this.descending = (sortValue !== undefined && query.sort?.descending === true) !== (query.seek?.direction === 'before');
    const key = query.seek?.key;
    const width = sortValue ? 4 : 2;
    if (key !== undefined && (key.length !== width || !key.every((part) => typeof part === 'string'))) {
      throw new InvalidPageKey('the page key does not name a position in this list');
    }
  }

  /** Columns to select besides the resource's own (the sort key, when sorted). */
  columns(): string {
    return this.flag ? `, ${this.flag} AS sort_null, ${this.value} AS sort_value` : '';
  }

  /** Appends the keyset condition (`AND (key columns) > (?, …)`) of a seek with a key. */
  addSeek(sql: SqlBuilder): void {
    const key = this.seek?.key;
    if (!key) return;
    const columns = [...(this.flag ? [this.flag, this.value] : []), this.column('r.created'), this.column('r.id')];
    sql.add(`AND (${columns.join(', ')}) ${this.descending ? '<' : '>'} (${key.map(() => '?').join(', ')})`, ...key);
  }

  /** The ORDER BY list; `filtered` lets SQLite find the rows by the filter's own index (see below). */
  orderBy(filtered: boolean): string {
    const dir = this.descending ? ' DESC' : '';
    const sort = this.flag ? `sort_null${dir}, sort_value${dir}, ` : '';
    // SQLite (no statistics) would otherwise walk the whole paging index to avoid a sort even when the filter
    // has an index of its own (userName eq …); `+` keeps that index out of the ORDER BY, so the filter's index
    // finds the rows and the few matches are sorted.
    const plus = this.dialect === 'sqlite' && filtered && !this.flag ? '+' : '';
    return `${sort}${plus}${this.column('r.created')}${dir}, ${plus}${this.column('r.id')}${dir}`;
  }

  /** Where the page read from `rows` (in page order) starts and ends, and whether more follow. */
  bounds(rows: OrderedRow[], more: boolean): PageBounds {
    if (rows.length === 0) return { more };
    return { first: this.keyOf(rows[0]), last: this.keyOf(rows[rows.length - 1]), more };
  }

  private keyOf(row: OrderedRow): PageKey {
    const position = [String(row.created), row.id];
    return this.flag ? [String(row.sort_null), String(row.sort_value), ...position] : position;
  }

  // Code-point order on both backends (the paging index orders with COLLATE "C" on PostgreSQL).
  private column(name: string): string {
    return this.dialect === 'postgres' ? `${name} COLLATE "C"` : name;
  }
}
