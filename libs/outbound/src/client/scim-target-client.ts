// A SCIM 2.0 client for one target (RFC 7644): the calls the dispatcher makes, over node's fetch, with a
// timeout per call, the target's auth, pacing, and every failure turned into a DeliveryError.
import type { JsonObject } from '@scim-hub/scim';
import { DeliveryError, excerpt, isRetriableStatus, parseAnswer, parseRetryAfter } from '../delivery/delivery-error';
import type { PatchOperation } from '../plan/delivery-step';
import type { TargetDefinition, TargetResourceType } from '../target.definition';
import { RequestGate } from './request-gate';
import { tokenProvider, type TokenProvider } from './token-provider';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PAGE_SIZE = 100;

/** Options of a target client. */
export interface ScimClientOptions {
  /** Per-call timeout (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
  /** Aborted when the engine stops: waits for pacing or a Retry-After end at once. */
  signal?: AbortSignal;
  /** Called after every call with its outcome (health tracking, metrics). */
  onCall?: (outcome: { ok: boolean; error?: DeliveryError; method: string; ms: number }) => void;
}

/** The SCIM calls the dispatcher makes to one target. */
export class ScimTargetClient {
  private readonly gate: RequestGate;
  private readonly tokens: TokenProvider;
  private readonly timeoutMs: number;
  private patch: Promise<boolean> | undefined;

  constructor(
    private readonly target: Pick<TargetDefinition, 'baseUrl' | 'auth' | 'rateLimitPerSecond'>,
    private readonly options: ScimClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.gate = new RequestGate(target.rateLimitPerSecond, options.now);
    this.tokens = tokenProvider(target.auth, this.timeoutMs, options.now);
  }

  /** Whether the target supports PATCH (RFC 7643 §5), read once from its ServiceProviderConfig. */
  patchSupported(): Promise<boolean> {
    this.patch ??= this.request('GET', '/ServiceProviderConfig').then(
      (config) => (config?.['patch'] as { supported?: unknown } | undefined)?.supported === true,
      (error: unknown) => {
        // A target without the discovery endpoint gets PUTs; any other failure is asked again next time.
        if (error instanceof DeliveryError && error.status === 404) return false;
        this.patch = undefined;
        throw error;
      },
    );
    return this.patch;
  }

  /**
   * A cheap call that proves the target answers and accepts our credentials (quarantine probes): a one-item
   * page of a resource type, since the discovery endpoints may be served without authentication (RFC 7644 §4).
   */
  async probe(resourceType: TargetResourceType = 'Users'): Promise<void> {
    await this.request('GET', `/${resourceType}?startIndex=1&count=1`);
  }

  /** Resources whose `attribute` equals `value` (RFC 7644 §3.4.2.2). */
  async find(resourceType: TargetResourceType, attribute: string, value: string): Promise<JsonObject[]> {
    const filter = `${attribute} eq ${JSON.stringify(value)}`;
    const page = await this.request('GET', `/${resourceType}?filter=${encodeURIComponent(filter)}`);
    return (page?.['Resources'] as JsonObject[] | undefined) ?? [];
  }

  /** Every resource of a type, paged (RFC 7644 §3.4.2.4); a target may serve smaller pages than asked for. */
  async list(resourceType: TargetResourceType): Promise<JsonObject[]> {
    const all: JsonObject[] = [];
    for (;;) {
      const page = await this.request('GET', `/${resourceType}?startIndex=${all.length + 1}&count=${PAGE_SIZE}`);
      const resources = (page?.['Resources'] as JsonObject[] | undefined) ?? [];
      all.push(...resources);
      if (resources.length === 0 || all.length >= Number(page?.['totalResults'] ?? 0)) return all;
    }
  }

  /** POST: creates a resource and returns it as the target stored it. */
  async create(resourceType: TargetResourceType, body: JsonObject): Promise<JsonObject> {
    const created = await this.request('POST', `/${resourceType}`, body);
    if (!created || typeof created['id'] !== 'string') throw new DeliveryError('target created a resource without an id', false, 201);
    return created;
  }

  /** PUT: replaces a resource. */
  async replace(resourceType: TargetResourceType, id: string, body: JsonObject): Promise<void> {
    await this.request('PUT', `/${resourceType}/${encodeURIComponent(id)}`, { ...body, id });
  }

  /** PATCH with the given operations. */
  async patchResource(resourceType: TargetResourceType, id: string, operations: PatchOperation[]): Promise<void> {
    await this.request('PATCH', `/${resourceType}/${encodeURIComponent(id)}`, { schemas: [PATCH_OP], Operations: operations as unknown as JsonObject[] });
  }

  /** DELETE; a resource that is already gone counts as deleted. */
  async remove(resourceType: TargetResourceType, id: string): Promise<void> {
    await this.request('DELETE', `/${resourceType}/${encodeURIComponent(id)}`).catch((error: unknown) => {
      if (!(error instanceof DeliveryError && error.status === 404)) throw error;
    });
  }

  private async request(method: string, path: string, body?: JsonObject): Promise<JsonObject | undefined> {
    const started = performance.now();
    try {
      const result = await this.send(method, path, body);
      this.options.onCall?.({ ok: true, method, ms: performance.now() - started });
      return result;
    } catch (error) {
      this.options.onCall?.({ ok: false, error: error as DeliveryError, method, ms: performance.now() - started });
      throw error;
    }
  }

  private async send(method: string, path: string, body?: JsonObject): Promise<JsonObject | undefined> {
    await this.gate.enter(this.options.signal);
    const headers: Record<string, string> = { authorization: await this.tokens.authorization(), accept: 'application/scim+json' };
    if (body) headers['content-type'] = 'application/scim+json';
    const init = { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(this.timeoutMs) };
    const response = await fetch(`${this.target.baseUrl}${path}`, init).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new DeliveryError(`${method} ${path}: ${cause ?? (error as Error).message}`, true);
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return text ? parseAnswer<JsonObject>(text, response.status) : undefined;
    return this.fail(method, path, response, text);
  }

  private fail(method: string, path: string, response: Response, text: string): never {
    const now = (this.options.now ?? Date.now)();
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    if (response.status === 429 && retryAfterMs !== undefined) this.gate.pause(retryAfterMs);
    if (response.status === 401) this.tokens.invalidate();
    const retriable = isRetriableStatus(response.status);
    throw new DeliveryError(`${method} ${path} answered ${response.status}`, retriable, response.status, excerpt(text), retryAfterMs);
  }
}
