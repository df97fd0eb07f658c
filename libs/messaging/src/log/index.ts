// The log-backed bus (`@scim-hub/messaging/log`): consumer groups as checkpointed catch-up subscriptions.

/** Creates the log-backed bus over an event store; the name of a group's checkpoint. */
export { createLogBus, logBusCheckpointName } from './log-bus';
