// The bus contract suite (`@scim-hub/messaging/testing`), shared by every adapter's test (never shipped code).

/** Registers the bus contract tests against one adapter. */
export { busContract } from './bus.contract';
/** What an adapter's test provides to the contract, and the recording consumer the tests use. */
export { RecordingConsumer, uniqueGroup, uniqueStreams, type BusUnderTest } from './bus-contract.fixtures';
