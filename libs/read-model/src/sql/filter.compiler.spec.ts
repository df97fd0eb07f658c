import { attribute, GROUP, parseFilter, USER, userResourceSchema, type Filter, type Literal } from '@scim-hub/scim';
import { FILTER_CASE_SCHEMAS, FILTER_CASE_TABLE } from '@scim-hub/scim/filter/testing';
import { compileFilter } from './filter.compiler';
import type { SqlDialect } from './sql-params';

const DIALECTS: SqlDialect[] = ['sqlite', 'postgres'];
const compile = (text: string, dialect: SqlDialect, schema = USER, paramOffset?: number) =>
  compileFilter(parseFilter(text), { dialect, schema, paramOffset });

function literals(filter: Filter): Literal[] {
  switch (filter.kind) {
    case 'compare':
      return [filter.value];
    case 'present':
      return [];
    case 'and':
    case 'or':
      return [...literals(filter.left), ...literals(filter.right)];
    case 'not':
    case 'valuePath':
      return literals(filter.filter);
  }
}

function placeholders(sql: string, dialect: SqlDialect): number[] {
  if (dialect === 'sqlite') return [...sql.matchAll(/\?/g)].map((_m, i) => i + 1);
  return [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
}

describe('compileFilter: values are bound, never written into SQL', () => {
  const hostile = `x' OR 1=1; DROP TABLE scim_resources; --`;

  it.each(DIALECTS)('%s: a hostile string is a parameter', (dialect) => {
    for (const text of [`userName eq "${hostile}"`, `title co "${hostile}"`, `emails[value sw "${hostile}"]`, `name.givenName ew "${hostile}"`]) {
      const { sql, params } = compile(text, dialect);
      expect(sql).not.toContain('DROP');
      expect(sql).not.toContain('1=1');
      expect(params.some((p) => typeof p === 'string' && p.includes('drop table'.toLowerCase()))).toBe(true);
    }
  });

  it.each(DIALECTS)('%s: no literal of any case-table filter appears in the SQL, and placeholders match params', (dialect) => {
    for (const c of FILTER_CASE_TABLE.cases.filter((x) => !x.error)) {
      const filter = parseFilter(c.filter);
      const { sql, params } = compileFilter(filter, { dialect, schema: FILTER_CASE_SCHEMAS[c.resourceType] });
      for (const value of literals(filter)) {
        if (typeof value === 'string' && value.length >= 4) expect({ filter: c.filter, leaked: sql.includes(value) }).toEqual({ filter: c.filter, leaked: false });
      }
      const used = placeholders(sql, dialect);
      if (dialect === 'sqlite') expect(used.length).toBe(params.length);
      else expect(new Set(used)).toEqual(new Set(params.map((_p, i) => i + 1)));
    }
  });

  it('numbers PostgreSQL placeholders after paramOffset', () => {
    const { sql, params } = compile('userName eq "a" or externalId eq "b"', 'postgres', USER, 2);
    expect(placeholders(sql, 'postgres')).toEqual([3, 4]);
    expect(params).toEqual(['a', 'b']);
  });

  it('binds booleans as 1/0 on SQLite and as booleans on PostgreSQL', () => {
    expect(compile('active eq true', 'sqlite').params).toEqual([1]);
    expect(compile('active eq false', 'postgres').params).toEqual([false]);
  });

  it('lowercases values of caseExact=false attributes in JS and keeps caseExact ones', () => {
    expect(compile('userName eq "BJensen"', 'sqlite').params).toEqual(['bjensen']);
    expect(compile('externalId eq "BJensen"', 'sqlite').params).toEqual(['BJensen']);
  });

  it('escapes LIKE wildcards on PostgreSQL and uses no LIKE on SQLite', () => {
    expect(compile('title co "50%_\\\\"', 'postgres').params).toEqual(['%50\\%\\_\\\\%']);
    expect(compile('title sw "a"', 'postgres').params).toEqual(['a%']);
    expect(compile('title ew "a"', 'postgres').params).toEqual(['%a']);
    expect(compile('title co "50%_"', 'sqlite').sql).not.toContain('LIKE');
  });

  it('uses the indexed columns for the attributes Entra filters on', () => {
    expect(compile('userName eq "a"', 'sqlite').sql).toBe('(r.user_name_ci IS NOT NULL AND r.user_name_ci = ?)');
    expect(compile('externalId eq "a"', 'postgres').sql).toBe('(r.external_id IS NOT NULL AND r.external_id = $1)');
    expect(compileFilter(parseFilter('displayName eq "a"'), { dialect: 'sqlite', schema: GROUP }).sql).toBe('(r.display_name_ci IS NOT NULL AND r.display_name_ci = ?)');
    expect(compile('id eq "a"', 'sqlite').sql).toContain('r.id');
    expect(compile('meta.created gt "2020-01-01T00:00:00Z"', 'sqlite')).toEqual({
      sql: '(r.created IS NOT NULL AND r.created > ?)',
      params: ['2020-01-01T00:00:00.000Z'],
    });
    expect(compile('manager eq "m"', 'sqlite').sql).toContain('r.manager_id');
  });

  it('gathers an OR of equalities on one column into IN, values in order, duplicates dropped', () => {
    expect(compile('userName eq "A" or userName eq "b" or userName eq "a"', 'sqlite')).toEqual({
      sql: '(r.user_name_ci IS NOT NULL AND r.user_name_ci IN (?, ?))',
      params: ['a', 'b'],
    });
    expect(compile('id eq "x" or id eq "y"', 'postgres', USER, 2)).toEqual({ sql: '(r.id IS NOT NULL AND r.id IN ($3, $4))', params: ['x', 'y'] });
  });

  it('keeps the other terms of an OR in place and binds values in the order the SQL reads them', () => {
    for (const dialect of DIALECTS) {
      const { sql, params } = compile('userName eq "a" or title eq "t" or externalId eq "e" or userName eq "b" or externalId eq "f"', dialect);
      expect(sql.split(' OR ').length).toBe(3);
      expect(sql).toMatch(/^\(\(r\.user_name_ci IS NOT NULL AND r\.user_name_ci IN \((\?|\$1), (\?|\$2)\)\) OR .* OR \(r\.external_id IS NOT NULL AND r\.external_id IN /);
      expect(params).toEqual(['a', 'b', 't', 'e', 'f']);
      expect(placeholders(sql, dialect)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('gathers only eq: ne, and, not and equalities on other attributes stay separate terms', () => {
    expect(compile('userName ne "a" or userName ne "b"', 'sqlite').sql).not.toContain(' IN ');
    expect(compile('(userName eq "a" and active eq true) or userName eq "b"', 'sqlite').sql).toBe(
      '(((r.user_name_ci IS NOT NULL AND r.user_name_ci = ?) AND (r.active IS NOT NULL AND r.active = ?)) OR (r.user_name_ci IS NOT NULL AND r.user_name_ci = ?))',
    );
    expect(compile('not (externalId eq "a" or externalId eq "b")', 'postgres').sql).toBe('(NOT (r.external_id IS NOT NULL AND r.external_id IN ($1, $2)))');
    expect(compile('active eq true or active eq false', 'postgres').sql).toBe('(r.active IS NOT NULL AND r.active IN ($1::boolean, $2::boolean))');
  });

  it('reaches emails and members through EXISTS on their tables, correlated on tenant', () => {
    expect(compile('emails[type eq "work"].value eq "a"', 'sqlite').sql).toMatch(/^EXISTS \(SELECT 1 FROM scim_emails e WHERE e.tenant = r.tenant /);
    const members = compileFilter(parseFilter('members[value eq "u"]'), { dialect: 'postgres', schema: GROUP }).sql;
    expect(members).toMatch(/^EXISTS \(SELECT 1 FROM scim_group_members m WHERE m.tenant = r.tenant AND m.group_id = r.id /);
  });

  it('compiles an unknown attribute to FALSE with no parameters', () => {
    expect(compile('nope eq "x"', 'sqlite')).toEqual({ sql: 'FALSE', params: [] });
    expect(compile('not (nope pr)', 'postgres')).toEqual({ sql: '(NOT FALSE)', params: [] });
  });

  it('refuses schema attribute names that are unsafe to quote, instead of interpolating them', () => {
    const evil = { id: 'urn:x:evil', name: 'Evil', description: '', attributes: [attribute("a'b", 'string')] };
    const schema = userResourceSchema([evil]);
    const filter: Filter = { kind: 'compare', path: { name: "a'b" }, op: 'eq', value: 'x' };
    for (const dialect of DIALECTS) expect(() => compileFilter(filter, { dialect, schema })).toThrow(/cannot be used in SQL/);
  });

  it('throws invalidFilter for comparisons the schema forbids', () => {
    expect(() => compile('active gt true', 'sqlite')).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
  });
});
