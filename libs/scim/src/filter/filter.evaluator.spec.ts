import { isScimError } from '../errors';
import { evaluateFilter } from './filter.evaluator';
import { parseFilter } from './filter.parser';
import { FILTER_CASE_SCHEMAS, FILTER_CASE_TABLE, filterCaseResources, type FilterCase } from './testing';

function run(c: FilterCase): string[] {
  const filter = parseFilter(c.filter);
  const schema = FILTER_CASE_SCHEMAS[c.resourceType];
  return filterCaseResources(c.resourceType)
    .filter((r) => evaluateFilter(filter, r, schema))
    .map((r) => r.id as string)
    .sort();
}

describe('filter case table through the in-memory evaluator', () => {
  it('has at least 150 cases', () => {
    expect(FILTER_CASE_TABLE.cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(FILTER_CASE_TABLE.cases.map((c) => [`${c.category}: ${c.name}`, c] as const))('%s', (_name, c) => {
    if (c.error) {
      let error: unknown;
      try {
        run(c);
      } catch (e) {
        error = e;
      }
      expect(isScimError(error) ? error.scimType : error).toBe(c.error);
    } else {
      expect(run(c)).toEqual(c.expect);
    }
  });
});
