/** Starts the all-in-one hub from a validated configuration (main.ts is the process entry point). */
export { startHub, type StartedHub, type Print } from './start-hub';
/** The hub's root Nest module. */
export { HubModule, type HubParts } from './hub.module';
