import type { ResourceType } from '../write/identity-streams';
import type { WriteContext } from '../write/write-context';

/** POST /Users or /Groups. */
export class CreateResourceCommand {
  constructor(readonly ctx: WriteContext, readonly type: ResourceType, readonly body: unknown) {}
}
/** PUT /Users/{id} or /Groups/{id} (RFC 7644 §3.5.1). */
export class ReplaceResourceCommand {
  constructor(readonly ctx: WriteContext, readonly type: ResourceType, readonly id: string, readonly body: unknown, readonly ifMatch?: number[]) {}
}
/** PATCH /Users/{id} or /Groups/{id} (RFC 7644 §3.5.2). */
export class PatchResourceCommand {
  constructor(readonly ctx: WriteContext, readonly type: ResourceType, readonly id: string, readonly body: unknown, readonly ifMatch?: number[]) {}
}
/** DELETE /Users/{id} or /Groups/{id} (RFC 7644 §3.6). */
export class DeleteResourceCommand {
  constructor(readonly ctx: WriteContext, readonly type: ResourceType, readonly id: string, readonly ifMatch?: number[]) {}
}
