import { invalidValue } from '../errors';
import { GROUP_SCHEMA, USER_SCHEMA, type ResourceSchema } from '../schema';

const lower = (s: string) => s.toLowerCase();
const CORE_RESOURCE_SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA];

/**
 * Checks the body's `schemas` member (RFC 7643 §3: REQUIRED, lists the core schema). Other URNs are tolerated and
 * left out of the canonical form: Entra sends `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`
 * and the malformed `urn:…:enterprise:2.0User` (docs/entra-compatibility.md §27, §32). Only the core schema of another resource type
 * is refused, because that body was meant for another endpoint.
 */
export function checkSchemasMember(raw: unknown, rs: ResourceSchema): void {
  const core = rs.core.id;
  if (raw === undefined || raw === null) throw invalidValue(`'schemas' is required and must contain "${core}"`);
  if (!Array.isArray(raw) || raw.some((u) => typeof u !== 'string')) {
    throw invalidValue(`'schemas' must be an array of schema URN strings containing "${core}"`);
  }
  const listed = new Set(raw.map((u: string) => lower(u.trim())));
  if (!listed.has(lower(core))) throw invalidValue(`'schemas' must contain "${core}"`);
  const foreign = CORE_RESOURCE_SCHEMAS.find((u) => u !== core && listed.has(lower(u)));
  if (foreign) throw invalidValue(`'schemas' lists "${foreign}", which is not a schema of ${rs.resourceType.name}`);
}
