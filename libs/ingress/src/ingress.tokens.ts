/** Injection token of the EventStore the hub composed (sqlite | postgres | eventstoredb). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token of the ReadModel that answers SCIM queries. */
export const READ_MODEL = Symbol('READ_MODEL');
/** Injection token of the projector's Subscription, awaited after each write (read-your-writes). */
export const PROJECTION = Symbol('PROJECTION');
/** Injection token of the ScimOptions. */
export const SCIM_OPTIONS = Symbol('SCIM_OPTIONS');
