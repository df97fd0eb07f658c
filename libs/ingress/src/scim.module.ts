import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore, Subscription } from '@scim-hub/event-store';
import type { ReadModel } from '@scim-hub/read-model';
import { resourceSchemasWith, type ResourceSchema } from '@scim-hub/scim';
import { RESOURCE_COMMAND_HANDLERS } from './cqrs/resource-command.handlers';
import { RESOURCE_QUERY_HANDLERS } from './cqrs/resource-query.handlers';
import { DiscoveryController, RESOURCE_SCHEMAS } from './http/discovery.controller';
import { GroupsController } from './http/groups.controller';
import { RootSearchController } from './http/root-search.controller';
import { UsersController } from './http/users.controller';
import { EVENT_STORE, PROJECTION, READ_MODEL, SCIM_OPTIONS } from './ingress.tokens';
import { ResourceReader } from './read/resource-reader';
import type { ScimOptions } from './scim.options';
import type { ResourceType } from './write/identity-streams';
import { streamDeciders } from './write/identity-streams';
import { ResourceWriter } from './write/resource-writer';
import { ScimWriteService } from './write/scim-write.service';

/** What the SCIM API runs on: the composed event store, read model and projector subscription. */
export interface ScimModuleDependencies {
  eventStore: EventStore;
  readModel: ReadModel;
  projection: Pick<Subscription, 'waitFor'>;
  options: ScimOptions;
}

/** The SCIM 2.0 API under /scim/v2: Users, Groups, .search (per type and at the root) and the discovery endpoints. */
@Module({})
export class ScimModule {
  static forRoot(deps: ScimModuleDependencies): DynamicModule {
    const schemas: Record<ResourceType, ResourceSchema> = resourceSchemasWith(deps.options.customSchemas);
    const strictSchema = deps.options.schemaStrict ?? false;
    const writer = new ResourceWriter(deps.eventStore, undefined, streamDeciders(schemas, { strictSchema }));
    const reader = new ResourceReader(deps.readModel, schemas, deps.options.publicUrl);
    const writes = new ScimWriteService(writer, reader, deps.projection, schemas, deps.options.projectionWaitMs ?? 10_000, deps.options.publicUrl, strictSchema);
    return {
      module: ScimModule,
      imports: [CqrsModule.forRoot()],
      controllers: [UsersController, GroupsController, RootSearchController, DiscoveryController],
      providers: [
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: READ_MODEL, useValue: deps.readModel },
        { provide: PROJECTION, useValue: deps.projection },
        { provide: SCIM_OPTIONS, useValue: deps.options },
        { provide: RESOURCE_SCHEMAS, useValue: schemas },
        { provide: ResourceReader, useValue: reader },
        { provide: ScimWriteService, useValue: writes },
        ...RESOURCE_COMMAND_HANDLERS,
        ...RESOURCE_QUERY_HANDLERS,
      ],
    };
  }
}
