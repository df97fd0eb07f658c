import { listQueryOf, pageOf, pointInTimeOf, presentSnapshot, tenantOf, type AuditEntry, type AuditReader, type AuditedResourceType, type RawQuery } from '@scim-hub/audit';
import type { ResourceSchema } from '@scim-hub/scim';
import { type CliIo, EXIT, UsageError } from './cli-io';

/** Parsed options of `scim-hub audit ...`. */
export interface AuditArgs {
  readonly action: string | undefined;
  readonly positionals: readonly string[];
  readonly query: RawQuery;
  readonly json: boolean;
  /** `<public URL>/scim/v2`, for meta.location. */
  readonly scimBaseUrl: string;
  readonly schemas: Record<AuditedResourceType, ResourceSchema>;
}

const TYPES: Record<string, AuditedResourceType> = { Users: 'User', Groups: 'Group' };

/** Runs `audit history|at|request|list`; returns the exit code. */
export async function runAudit(args: AuditArgs, reader: AuditReader, io: CliIo): Promise<number> {
  switch (args.action) {
    case 'history': {
      const [type, id] = resourceOf(args, 'audit history <Users|Groups> <id>');
      const page = await reader.history({ tenant: tenantOf(args.query), resourceType: type, id }, pageOf(args.query));
      if (page.totalResults === 0) return notFound(io, `${type} ${id} has no recorded history`);
      return print(io, args.json, page, page.entries);
    }
    case 'at': {
      const [type, id] = resourceOf(args, 'audit at <Users|Groups> <id> --at <revision|time>');
      const found = await reader.at({ tenant: tenantOf(args.query), resourceType: type, id }, pointInTimeOf(args.query));
      if (found.kind !== 'found') return notFound(io, found.kind === 'unknown' ? `${type} ${id} not found` : `${type} ${id} did not exist at ${args.query['at']}`);
      const resource = presentSnapshot(found.snapshot, type, args.schemas[type], args.scimBaseUrl);
      io.out(`${JSON.stringify(resource, null, 2)}\n`);
      return EXIT.ok;
    }
    case 'request': {
      const [requestId, ...extra] = args.positionals;
      if (!requestId || extra.length > 0) throw new UsageError('audit request needs exactly one request id');
      const entries = await reader.request(requestId);
      if (entries.length === 0) return notFound(io, `no change recorded for request ${requestId}`);
      return print(io, args.json, { requestId, entries }, entries);
    }
    case 'list': {
      const page = await reader.list(listQueryOf(args.query));
      return print(io, args.json, page, page.entries);
    }
    default:
      throw new UsageError(args.action ? `unknown audit command "${args.action}"` : 'missing audit command');
  }
}

function resourceOf(args: AuditArgs, usage: string): [AuditedResourceType, string] {
  const [endpoint, id, ...extra] = args.positionals;
  const type = TYPES[endpoint ?? ''];
  if (!type || !id || extra.length > 0) throw new UsageError(`usage: ${usage}`);
  return [type, id];
}

function notFound(io: CliIo, message: string): number {
  io.err(`scim-hub: ${message}\n`);
  return EXIT.failed;
}

function print(io: CliIo, json: boolean, whole: object, entries: AuditEntry[]): number {
  if (json) io.out(`${JSON.stringify(whole)}\n`);
  else io.out(entries.length === 0 ? 'no entries\n' : table(entries));
  return EXIT.ok;
}

function table(entries: AuditEntry[]): string {
  const rows = [
    ['TIME', 'TYPE', 'RESOURCE', 'REV', 'ACTOR', 'REQUEST'],
    ...entries.map((e) => [e.time, e.type, `${e.tenant}/${e.resourceType}/${e.resourceId}`, String(e.revision), e.actor ?? '', e.requestId ?? '']),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}
