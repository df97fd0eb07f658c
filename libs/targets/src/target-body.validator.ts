// Turns an operator's target body (admin API, CLI --file, HUB_TARGETS_FILE) into a TargetInput with every
// default applied. Hand-written rather than class-validator: `auth` is a union on `type` and the messages
// must name nested fields (`auth.tokenUrl`, `mappings[2].target`), which decorators on flat DTOs do not give.
import type { TargetResourceType } from '@scim-hub/outbound';
import { isValidTenant, TENANT_RULE } from '@scim-hub/access';
import { parseAttrPath, parseFilter } from '@scim-hub/scim';
import {
  distinctArrayAt,
  httpUrlAt,
  integerAt,
  type JsonObject,
  objectAt,
  oneOf,
  onlyKnown,
  positiveAt,
  stringAt,
} from './field-checks';
import { parseAuth } from './target-auth.validator';
import { type AttributeMapping, TARGET_DEFAULTS, type TargetInput, type TargetScope } from './target-input';
import { fieldError } from './target-validation.error';

/** Target ids appear in URLs and stream ids (`<tenant>/Target/<id>`): no `/`, no spaces, bounded. */
export const TARGET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const FIELDS = [
  'id', 'tenant', 'baseUrl', 'auth', 'resourceTypes', 'scope', 'mappings', 'matchBy', 'onDeprovision',
  'rateLimitPerSecond', 'concurrency', 'enabled',
] as const;
const RESOURCE_TYPES: readonly TargetResourceType[] = ['Users', 'Groups'];
const TRANSFORMS: readonly NonNullable<AttributeMapping['transform']>[] = ['lowercase', 'uppercase', 'trim'];

/** Options of parseTargetBody. */
export interface ParseTargetOptions {
  /** On a change the stored secret is kept when the body leaves it out (default: required). */
  secrets?: 'required' | 'optional';
}

/** Validates `body` and applies the defaults; throws TargetValidationError naming the first wrong field. */
export function parseTargetBody(body: unknown, options: ParseTargetOptions = {}): TargetInput {
  const b = objectAt(body, 'body');
  onlyKnown(b, FIELDS, '');
  const target: TargetInput = {
    id: targetIdAt(b.id, 'id'),
    tenant: b.tenant === undefined ? TARGET_DEFAULTS.tenant : tenantAt(b.tenant),
    baseUrl: httpUrlAt(b.baseUrl, 'baseUrl'),
    auth: parseAuth(b.auth, options.secrets ?? 'required'),
    resourceTypes: optional(b.resourceTypes, [...TARGET_DEFAULTS.resourceTypes], (v) =>
      distinctArrayAt(v, 'resourceTypes', (t, f) => oneOf(t, f, RESOURCE_TYPES)),
    ),
    matchBy: optional(b.matchBy, [...TARGET_DEFAULTS.matchBy], (v) => distinctArrayAt(v, 'matchBy', attrPathAt, 10)),
    onDeprovision: optional(b.onDeprovision, TARGET_DEFAULTS.onDeprovision, (v) => oneOf(v, 'onDeprovision', ['disable', 'delete'])),
    concurrency: optional(b.concurrency, TARGET_DEFAULTS.concurrency, (v) => integerAt(v, 'concurrency', 1, 64)),
    enabled: optional(b.enabled, TARGET_DEFAULTS.enabled, (v) => booleanAt(v, 'enabled')),
  };
  if (b.scope !== undefined) target.scope = parseScope(b.scope);
  if (b.mappings !== undefined) target.mappings = parseMappings(b.mappings);
  if (b.rateLimitPerSecond !== undefined) target.rateLimitPerSecond = positiveAt(b.rateLimitPerSecond, 'rateLimitPerSecond', 10_000);
  return target;
}

/** A target id, or a message naming `field`. */
export function targetIdAt(value: unknown, field: string): string {
  if (typeof value !== 'string' || !TARGET_ID_PATTERN.test(value)) {
    fieldError(field, 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  return value;
}

function tenantAt(value: unknown): string {
  if (!isValidTenant(value)) fieldError('tenant', `must be ${TENANT_RULE}`);
  return value;
}

function optional<T>(value: unknown, fallback: T, parse: (v: unknown) => T): T {
  return value === undefined ? fallback : parse(value);
}

function booleanAt(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fieldError(field, 'must be true or false');
  return value;
}

function attrPathAt(value: unknown, field: string): string {
  const text = stringAt(value, field, 300);
  if (!parseAttrPath(text)) fieldError(field, `is not a SCIM attribute path: "${text}"`);
  return text;
}

function parseScope(value: unknown): TargetScope {
  const s = objectAt(value, 'scope');
  onlyKnown(s, ['userFilter', 'groups'], 'scope.');
  const scope: TargetScope = {};
  if (s.userFilter !== undefined) scope.userFilter = userFilterAt(s.userFilter);
  if (s.groups !== undefined) scope.groups = distinctArrayAt(s.groups, 'scope.groups', (v, f) => stringAt(v, f, 256), 1000);
  return scope;
}

// RFC 7644 §3.4.2.2: the same filter grammar the hub answers queries with.
function userFilterAt(value: unknown): string {
  const text = stringAt(value, 'scope.userFilter', 4096);
  try {
    parseFilter(text);
  } catch (error) {
    fieldError('scope.userFilter', `is not a valid SCIM filter: ${(error as Error).message}`);
  }
  return text;
}

function parseMappings(value: unknown): AttributeMapping[] {
  if (!Array.isArray(value)) fieldError('mappings', 'must be an array');
  if (value.length > 200) fieldError('mappings', 'must have at most 200 items');
  return value.map((m, i) => parseMapping(m, `mappings[${i}]`));
}

function parseMapping(value: unknown, field: string): AttributeMapping {
  const m: JsonObject = objectAt(value, field);
  onlyKnown(m, ['target', 'source', 'constant', 'transform'], `${field}.`);
  const mapping: AttributeMapping = { target: attrPathAt(m.target, `${field}.target`) };
  if ((m.source === undefined) === (m.constant === undefined)) fieldError(field, 'must have exactly one of source and constant');
  if (m.source !== undefined) mapping.source = attrPathAt(m.source, `${field}.source`);
  if (m.constant !== undefined) mapping.constant = m.constant;
  if (m.transform !== undefined) mapping.transform = oneOf(m.transform, `${field}.transform`, TRANSFORMS);
  return mapping;
}
