import { uuidV7 } from '@scim-hub/platform/ids';
import {
  StreamRevisionConflict,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type Position,
  type StreamCondition,
} from '@scim-hub/event-store';
import { applyIdentityEvent, resourceStreamId, toNewEvents, type IdentityEvent } from '@scim-hub/identity';
import { notFound, preconditionFailed, serviceUnavailable, type ScimResource } from '@scim-hub/scim';
import { KeyedMutex } from './keyed-mutex';
import { checkMembers, MAX_MEMBER_CONDITIONS, vanishedMembers, type MemberCondition, type MemberStreamLoader } from './member-check';
import { planReservations } from './reservations';
import { streamDeciders, type ResourceType, type StreamDeciders, type StreamState, type WriteIntent } from './identity-streams';
import { StreamLoader } from './stream-loader';
import type { WriteContext } from './write-context';

/** The outcome of a write: the resource id, the stream revision it is at, and where its last event sits in the log. */
export interface WriteOutcome {
  id: string;
  revision: number;
  /** Undefined when the write changed nothing (an idempotent PATCH or PUT). */
  position: Position | undefined;
  /**
   * The resource as the appended events leave it (members included) and the time they carry; undefined after
   * a delete or when nothing changed. Answers the client when the read model is slow to show the write.
   */
  decided?: { resource: ScimResource; time: string };
}

const MAX_ATTEMPTS = 8;

/** A first attempt's answer would rest on a cached state that the append never checked: decide again on the stream as read. */
class UncheckedCachedState extends Error {}

/**
 * The write side: load the stream, decide with the pure domain, claim unique values, append with the
 * expected revision — and on a concurrent writer's conflict, decide again on the fresh state.
 */
export class ResourceWriter {
  private readonly loader: StreamLoader;
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
    private readonly deciders: StreamDeciders = streamDeciders(),
  ) {
    this.loader = new StreamLoader(store);
  }

  /** Executes one intent on `<tenant>/<type>/<id>`; `ifMatch` is the revision an If-Match header demands. */
  execute(ctx: WriteContext, type: ResourceType, id: string, intent: WriteIntent, ifMatch?: number[]): Promise<WriteOutcome> {
    const streamId = resourceStreamId(ctx.tenant, type, id);
    return this.mutex.run(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(ctx, type, id, streamId, intent, ifMatch, attempt);
        } catch (error) {
          if (!(error instanceof StreamRevisionConflict || error instanceof UncheckedCachedState)) throw error;
          // Other writers kept winning: a transient overload, which the client may retry (never a 500).
          if (attempt >= MAX_ATTEMPTS) throw serviceUnavailable(`${type} ${id} is being changed by other requests; retry later`);
          this.loader.forget(streamId);
        }
      }
    });
  }

  private async attempt(
    ctx: WriteContext,
    type: ResourceType,
    id: string,
    streamId: string,
    intent: WriteIntent,
    ifMatch: number[] | undefined,
    attempt: number,
  ): Promise<WriteOutcome> {
    const decider = this.deciders[type];
    // A first attempt decides on the state kept in memory, without reading the stream, where the append is atomic:
    // were the state stale (another process appended since), the append's expected revision refuses it and the
    // retry reads the stream. An answer that appends nothing (a refusal, a change that changes nothing) would never
    // meet that check, so it is given only on the stream as stored.
    const cached = intent.kind !== 'create' && attempt === 1 && this.store.capabilities.atomicMultiStreamAppend ? this.loader.cached(streamId) : undefined;
    // A create's id was generated for this request, so its stream cannot exist yet: no need to read it. Were it
    // there after all, the append's expected revision (no_stream) would refuse it and the retry reads the stream.
    const { state, revision, held } =
      intent.kind === 'create' && attempt === 1 ? { state: decider.initialState(), revision: -1, held: undefined } : (cached ?? (await this.loader.load(streamId, decider)));
    // RFC 7644 §3.14: a stale If-Match is refused before anything is decided.
    if (ifMatch && !ifMatch.includes(revision)) {
      if (cached) throw new UncheckedCachedState();
      if (!state.exists) throw notFound(`${type} ${id} not found`);
      throw preconditionFailed(`${type} ${id} is at version W/"${revision}"`);
    }
    const before = decider.resourceOf(state);
    let decision: ReturnType<typeof decider.decide>;
    try {
      decision = decider.decide(intent, state);
    } catch (error) {
      throw cached ? new UncheckedCachedState() : error;
    }
    if (decision.length === 0) {
      if (cached) throw new UncheckedCachedState();
      return { id, revision, position: undefined };
    }
    const { events, conditions } = type === 'Group' ? await this.checkMembers(ctx.tenant, decision) : { events: decision, conditions: [] };
    const after = resourceAfter(before, events);
    const metadata = this.metadata(ctx);
    const toEvents = (list: { type: string; data: object }[]) => this.stamp(list as IdentityEvent[], metadata);
    // A create's first attempt expects its unique values never to have been claimed (no read); where the append is
    // atomic, a value that was is refused by its expected revision and the retry reads it. Elsewhere claims come
    // first and would have to be compensated, so they are read.
    const assumeUnclaimed = intent.kind === 'create' && attempt === 1 && this.store.capabilities.atomicMultiStreamAppend;
    const who = { tenant: ctx.tenant, resourceType: type, owner: id };
    const reservations = await planReservations(this.store, who, before, after, toEvents, assumeUnclaimed, held);
    const own: AppendRequest = { streamId, expectedRevision: revision < 0 ? 'no_stream' : revision, events: toEvents(events) };
    const guarded = this.store.capabilities.atomicMultiStreamAppend && conditions.length <= MAX_MEMBER_CONDITIONS;
    const result = await this.append(own, reservations.appends, guarded ? conditions : []);
    const next = this.loader.remember(streamId, state, result.nextExpectedRevision, decider, events, reservations.heldAfter);
    const resource = decidedResource(next);
    const outcome: WriteOutcome = { id, revision: result.nextExpectedRevision, position: result.position };
    if (resource) outcome.decided = { resource, time: metadata.time };
    return guarded || conditions.length === 0 ? outcome : this.dropVanishedMembers(streamId, conditions, outcome, toEvents);
  }

  /** When `<tenant>/<type>/<id>` was created: the time its first event carries (what `meta.created` shows). */
  async createdAt(tenant: string, type: ResourceType, id: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(resourceStreamId(tenant, type, id), { maxCount: 1 });
    return first ? String(first.metadata?.time ?? first.recordedAt) : undefined;
  }

  private readonly memberStreams: MemberStreamLoader = async (streamId, type) => {
    const { state, revision } = await this.loader.load(streamId, this.deciders[type]);
    return { exists: state.exists, revision };
  };

  /** Members must exist in the tenant; their streams are loaded (and cached) like any other stream. */
  private checkMembers(tenant: string, events: IdentityEvent[]) {
    return checkMembers(tenant, events, this.memberStreams);
  }

  /**
   * Where the append could not be conditioned on the member streams (EventStoreDB; a very large add), a member
   * deleted between the check and the append is removed again right after it, so the group does not keep it: the
   * same end state as if the delete had come after the add.
   */
  private async dropVanishedMembers(
    streamId: string,
    conditions: MemberCondition[],
    outcome: WriteOutcome,
    toEvents: (list: { type: string; data: object }[]) => NewEvent[],
  ): Promise<WriteOutcome> {
    const vanished = await vanishedMembers(conditions, this.memberStreams);
    if (vanished.length === 0) return outcome;
    this.loader.forget(streamId);
    const removal = toEvents([{ type: 'GroupMembersRemoved', data: { values: vanished } }]);
    const result = await this.store.appendToStream(streamId, 'any', removal);
    // The decided resource still lists the vanished members: the answer comes from the read model instead.
    return { id: outcome.id, revision: result.nextExpectedRevision, position: result.position };
  }

  /**
   * Appends the resource's events together with its reservations, under the member conditions: atomically where
   * the store can. Without multi-stream transactions the conditions were only checked while deciding.
   */
  private async append(own: AppendRequest, reservations: AppendRequest[], conditions: StreamCondition[]): Promise<AppendResult> {
    if (reservations.length === 0 && conditions.length === 0) return this.store.appendToStream(own.streamId, own.expectedRevision, own.events);
    if (this.store.capabilities.atomicMultiStreamAppend) {
      const results = await this.store.appendMulti([own, ...reservations], conditions);
      return results[0];
    }
    if (reservations.length === 0) return this.store.appendToStream(own.streamId, own.expectedRevision, own.events);
    return this.appendWithCompensation(own, reservations);
  }

  /**
   * Stores without multi-stream transactions (EventStoreDB): claim first, then write the resource; if that
   * fails, release the claims just made. A crash between the two leaves a claim without an owner resource,
   * which a later write of the same owner or an operator's reconciliation releases (docs/operations.md).
   */
  private async appendWithCompensation(own: AppendRequest, reservations: AppendRequest[]): Promise<AppendResult> {
    const claimed: AppendResult[] = [];
    try {
      for (const request of reservations) claimed.push(await this.store.appendToStream(request.streamId, request.expectedRevision, request.events));
      return await this.store.appendToStream(own.streamId, own.expectedRevision, own.events);
    } catch (error) {
      await Promise.all(
        claimed.map((result, i) => {
          const claims = reservations[i].events.filter((e) => e.type === 'UniqueValueClaimed');
          const release = claims.map((e) => ({ ...e, id: uuidV7(), type: 'UniqueValueReleased' }));
          return release.length ? this.store.appendToStream(result.streamId, result.nextExpectedRevision, release).catch(() => undefined) : undefined;
        }),
      );
      throw error;
    }
  }

  private metadata(ctx: WriteContext): EventMetadata {
    // Assigned member by member in this order (spreading the optional ones costs more, on every write).
    const metadata: Partial<EventMetadata> = { tenant: ctx.tenant, requestId: ctx.requestId, causationId: ctx.requestId, actor: ctx.actor };
    if (ctx.clientAddress) metadata.clientAddress = ctx.clientAddress;
    if (ctx.userAgent) metadata.userAgent = ctx.userAgent;
    if (ctx.ignoredAttributes?.length) metadata.ignoredAttributes = ctx.ignoredAttributes;
    metadata.time = this.now().toISOString();
    return metadata as EventMetadata;
  }

  private stamp(events: IdentityEvent[], metadata: EventMetadata): NewEvent[] {
    return toNewEvents(events, metadata).map((event) => ({ ...event, id: uuidV7() }));
  }
}

/** The whole resource a stream state stands for (a Group's members live beside its other attributes). */
function decidedResource(state: StreamState): ScimResource | undefined {
  if (!state.exists) return undefined;
  if (!('members' in state) || state.members.size === 0) return state.resource;
  return { ...state.resource, members: [...state.members.values()] as unknown as ScimResource[string] };
}

/** The resource after the events: what the uniqueness reservations are decided on. */
function resourceAfter(before: ScimResource | undefined, events: IdentityEvent[]): ScimResource | undefined {
  return events.reduce<ScimResource | undefined>((resource, event) => applyIdentityEvent(resource, event), before);
}
