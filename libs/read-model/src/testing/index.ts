/** The read-model contract suite every adapter runs. */
export { readModelContract } from './read-model.contract';
/** Harness shape and fixtures of the contract (resources, member lists, state snapshots). */
export { group, groupsOf, manyMembers, memberStatements, snapshot, user, type OpenHarness, type ReadModelHarness } from './read-model.fixtures';
/** Builds recorded identity events without an event store. */
export { IdentityEventLog } from './identity-event-log';
