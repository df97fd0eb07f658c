import { invalidSyntax, invalidValue } from '../errors';
import { PATCH_OP_SCHEMA } from '../schema';
import type { PatchOpName, PatchOperation } from './patch-operation';
import { isJsonObject } from './json-value.util';

const OPS: readonly PatchOpName[] = ['add', 'replace', 'remove'];

/** Reads `obj[name]` matching the member name case-insensitively (RFC 7643 §2.1; clients vary `Operations`). */
function member(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** Normalises `op` (Entra sends Add/Replace/Remove — docs/entra-compatibility.md §37). */
export function normaliseOp(op: unknown): PatchOpName {
  const name = typeof op === 'string' ? op.trim().toLowerCase() : undefined;
  const found = OPS.find((o) => o === name);
  if (!found) throw invalidSyntax(`PATCH op must be one of add, replace, remove (got ${JSON.stringify(op) ?? 'nothing'})`);
  return found;
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  if (!isJsonObject(raw)) throw invalidSyntax(`Operations[${index}] must be an object`);
  const op = normaliseOp(member(raw, 'op'));
  const path = member(raw, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw invalidSyntax(`Operations[${index}].path must be a string`);
  }
  const hasValue = Object.keys(raw).some((k) => k.toLowerCase() === 'value');
  // RFC 7644 §3.5.2.1 / §3.5.2.3: add and replace MUST carry a value.
  if (op !== 'remove' && !hasValue) throw invalidValue(`Operations[${index}] (${op}) has no value`);
  const result: PatchOperation = { op };
  if (typeof path === 'string' && path.trim() !== '') result.path = path.trim();
  if (hasValue) result.value = member(raw, 'value');
  return result;
}

/**
 * Validates a PatchOp message (RFC 7644 §3.5.2) and returns its operations with `op` lower-cased.
 * Key order and the case of member names do not matter (docs/entra-compatibility.md §36, §37).
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('PATCH body must be a JSON object');
  const schemas = member(body, 'schemas');
  const hasSchema =
    Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase());
  if (!hasSchema) throw invalidSyntax(`PATCH body must list the schema ${PATCH_OP_SCHEMA}`);
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('PATCH body must have a non-empty Operations array');
  }
  return operations.map(parseOperation);
}
