import { attribute, groupResourceSchema, userResourceSchema, type ResourceSchema, type SchemaDefinition } from '../../schema';
import type { ScimResource } from '../../resource';
import table from './filter-cases.json';

/** One row of the shared filter case table: the ids a filter must return, or the error it must raise. */
export interface FilterCase {
  category: string;
  name: string;
  resourceType: 'User' | 'Group';
  filter: string;
  expect?: string[];
  error?: 'invalidFilter' | 'tooMany';
}

/** The case table with its fixture resources (12 users, 4 groups, canonical form with `meta`). */
export interface FilterCaseTable {
  testExtension: string;
  users: ScimResource[];
  groups: ScimResource[];
  cases: FilterCase[];
}

/** The shared filter case table (filter-cases.json) that the evaluator, SQLite and PostgreSQL must all pass. */
export const FILTER_CASE_TABLE = table as unknown as FilterCaseTable;

/** A custom User extension for the table: dateTime, integer, decimal, boolean, caseExact and multi-valued attributes stored in `doc`. */
export const FILTER_TEST_EXTENSION: SchemaDefinition = {
  id: FILTER_CASE_TABLE.testExtension,
  name: 'FilterTest',
  description: 'Attributes of every type, for the filter case table',
  attributes: [
    attribute('hireDate', 'dateTime'),
    attribute('level', 'integer'),
    attribute('score', 'decimal'),
    attribute('badges', 'string', { multiValued: true }),
    attribute('code', 'string', { caseExact: true }),
    attribute('remote', 'boolean'),
    attribute('skills', 'complex', {
      multiValued: true,
      subAttributes: [attribute('name', 'string'), attribute('years', 'integer')],
    }),
  ],
};

/** The schemas the case table is written against: User = core + enterprise + FILTER_TEST_EXTENSION, Group = core. */
export const FILTER_CASE_SCHEMAS: Record<'User' | 'Group', ResourceSchema> = {
  User: userResourceSchema([FILTER_TEST_EXTENSION]),
  Group: groupResourceSchema(),
};

/** The fixture resources of one type. */
export function filterCaseResources(resourceType: 'User' | 'Group'): ScimResource[] {
  return resourceType === 'User' ? FILTER_CASE_TABLE.users : FILTER_CASE_TABLE.groups;
}
