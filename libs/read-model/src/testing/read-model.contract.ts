// THE read-model contract suite: written once, run against every adapter (SQLite file, PostgreSQL schema).
import { memberCases } from './members.contract-cases';
import { pagingCases } from './paging.contract-cases';
import { projectionCases } from './projection.contract-cases';
import { queryCases } from './query.contract-cases';
import { sortingCases } from './sorting.contract-cases';
import type { OpenHarness, ReadModelHarness } from './read-model.fixtures';

/** Runs the read-model contract against one adapter; `open` gives every test a fresh, empty read model. */
export function readModelContract(name: string, open: OpenHarness): void {
  describe(`read model contract: ${name}`, () => {
    let current: ReadModelHarness | undefined;
    const harness = (): ReadModelHarness => {
      if (!current) throw new Error('harness not open');
      return current;
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    describe('projection', () => projectionCases(harness));
    describe('queries', () => queryCases(harness));
    describe('members', () => memberCases(harness));
    describe('keyset paging', () => pagingCases(harness));
    describe('sorting', () => sortingCases(harness));
  });
}
