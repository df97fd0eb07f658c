import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ScimWriteService, type WrittenResource } from '../write/scim-write.service';
import { CreateResourceCommand, DeleteResourceCommand, PatchResourceCommand, ReplaceResourceCommand } from './resource.commands';

// Thin Nest glue around the write service (docs/development.md: @CommandHandler classes only).

/** Handles CreateResourceCommand. */
@CommandHandler(CreateResourceCommand)
export class CreateResourceHandler implements ICommandHandler<CreateResourceCommand, WrittenResource> {
  constructor(@Inject(ScimWriteService) private readonly service: ScimWriteService) {}
  execute(c: CreateResourceCommand) {
    return this.service.create(c.ctx, c.type, c.body);
  }
}

/** Handles ReplaceResourceCommand. */
@CommandHandler(ReplaceResourceCommand)
export class ReplaceResourceHandler implements ICommandHandler<ReplaceResourceCommand, WrittenResource> {
  constructor(@Inject(ScimWriteService) private readonly service: ScimWriteService) {}
  execute(c: ReplaceResourceCommand) {
    return this.service.replace(c.ctx, c.type, c.id, c.body, c.ifMatch);
  }
}

/** Handles PatchResourceCommand. */
@CommandHandler(PatchResourceCommand)
export class PatchResourceHandler implements ICommandHandler<PatchResourceCommand, WrittenResource | undefined> {
  constructor(@Inject(ScimWriteService) private readonly service: ScimWriteService) {}
  execute(c: PatchResourceCommand) {
    return this.service.patch(c.ctx, c.type, c.id, c.body, c.ifMatch);
  }
}

/** Handles DeleteResourceCommand. */
@CommandHandler(DeleteResourceCommand)
export class DeleteResourceHandler implements ICommandHandler<DeleteResourceCommand, void> {
  constructor(@Inject(ScimWriteService) private readonly service: ScimWriteService) {}
  execute(c: DeleteResourceCommand) {
    return this.service.delete(c.ctx, c.type, c.id, c.ifMatch);
  }
}

/** Every command handler of the SCIM API. */
export const RESOURCE_COMMAND_HANDLERS = [CreateResourceHandler, ReplaceResourceHandler, PatchResourceHandler, DeleteResourceHandler];
