// The identity domain: pure deciders for Users and Groups, the event contract, uniqueness reservations and
// upcasting. No framework, no I/O; the application layer (libs/ingress) reads streams and appends.

/** The event contract: IdentityEvent, AttributeChange, versions and stream ids. */
export * from './events';

/** The decider shape (initialState, decide, evolve) and a fold over events. */
export { foldEvents } from './decider';
/** Options of the User and Group deciders (strict schema reading of PATCH values). */
export type { DeciderOptions } from './decider-options';
/** The decider shape shared by users and groups. */
export type { Decider } from './decider';

/** The single definition of what an identity event does to a resource document (evolve and projections). */
export { applyIdentityEvent } from './resource/apply-identity-event';
/** Attribute-level diff and apply: the AttributeChange semantics of UserUpdated / GroupUpdated. */
export { applyAttributeChanges, diffAttributes } from './resource/attribute-changes';
/** Splits an AttributeChange name into extension URN and attribute name. */
export { locateAttribute } from './resource/attribute-name';
/** JSON structural equality (key order ignored, array order significant). */
export { jsonEqual } from './resource/json-equal';

/** User commands (CreateUser, ReplaceUser, PatchUser, DeleteUser). */
export type { CreateUser, DeleteUser, PatchUser, ReplaceUser, UserCommand } from './user/user.commands';
/** The User stream state. */
export type { UserState } from './user/user.state';
/** The User decider's initial state and evolve. */
export { evolveUser, initialUserState } from './user/user.state';
/** The User decider and its decide function. */
export { decideUser, userDecider } from './user/user.decider';

/** Group commands (CreateGroup, ReplaceGroup, PatchGroup, DeleteGroup). */
export type { CreateGroup, DeleteGroup, GroupCommand, PatchGroup, ReplaceGroup } from './group/group.commands';
/** The Group stream state (members in a Map). */
export type { GroupState } from './group/group.state';
/** The Group decider's initial state and evolve (member deltas mutate the Map in place). */
export { evolveGroup, initialGroupState } from './group/group.state';
/** The Group decider and its decide function. */
export { decideGroup, groupDecider } from './group/group.decider';
/** A group's member Map keyed by member value. */
export type { MemberMap } from './members/member-map';

/** Unique values per tenant (userName, group displayName) and their reservation stream ids. */
export { reservationStreamId, uniquenessKeys } from './uniqueness/uniqueness-key';
/** A unique value of a resource and its kind. */
export type { UniqueKind, UniquenessKey } from './uniqueness/uniqueness-key';
/** Reservation events (UniqueValueClaimed / UniqueValueReleased) and their versions. */
export { RESERVATION_EVENT_VERSION } from './uniqueness/reservation.events';
/** The reservation event union and its type names. */
export type { ReservationEvent, ReservationEventType } from './uniqueness/reservation.events';
/** A reservation stream's state (its current owner) and how events change it. */
export { evolveReservation, initialReservationState } from './uniqueness/reservation.state';
/** The state of one reservation stream. */
export type { ReservationState } from './uniqueness/reservation.state';
/** Which reservation events to append for a resource change, and which streams to read first. */
export { decideReservations, reservationStreamIds } from './uniqueness/reservation.decider';
/** Input and output shapes of decideReservations. */
export type { ReservationDecision, ReservationOwner } from './uniqueness/reservation.decider';

/** Reads stored events of any known schema version as current events. */
export { IDENTITY_UPCASTERS, isIdentityEventType, upcast, upcastReservationEvent } from './upcasting/identity-upcasters';
/** A generic upcaster keyed by (type, version). */
export { createUpcaster, upcastKey, upcasterRegistry } from './upcasting/upcaster';
/** Stored-event and upcaster-registry shapes. */
export type { EventRecord, UpcastStep, UpcasterRegistry } from './upcasting/upcaster';
/** Stamps domain events with their schema version and metadata for appending. */
export { toNewEvents } from './upcasting/to-new-events';
/** A domain event ready to append (the application layer adds the id). */
export type { EventToAppend } from './upcasting/to-new-events';
