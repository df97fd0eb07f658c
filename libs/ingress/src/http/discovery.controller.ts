import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  resourceTypeDocument,
  resourceTypesListDocument,
  schemaDocument,
  schemasListDocument,
  schemasOf,
  serviceProviderConfigDocument,
  type ResourceSchema,
} from '@scim-hub/scim';
import { SCIM_OPTIONS } from '../ingress.tokens';
import { SCIM_BASE_PATH, type ScimOptions } from '../scim.options';
import type { ResourceType } from '../write/identity-streams';
import { pagingPolicy } from './scim-request';

// Cursors hold no server state and never expire (see page-cursor.ts); this is the lifetime the hub promises.
const CURSOR_TIMEOUT_SECONDS = 86_400;

/** Injection token of the resource schemas (core + extensions) the API serves. */
export const RESOURCE_SCHEMAS = Symbol('RESOURCE_SCHEMAS');

/**
 * Discovery (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes, /Schemas. They describe the service,
 * hold no tenant data, and answer without a token so that clients can discover before they authenticate.
 */
@Controller('scim/v2')
export class DiscoveryController {
  private readonly baseUrl: string;
  private readonly resourceSchemas: ResourceSchema[];

  constructor(
    @Inject(SCIM_OPTIONS) private readonly options: ScimOptions,
    @Inject(RESOURCE_SCHEMAS) schemas: Record<ResourceType, ResourceSchema>,
  ) {
    this.baseUrl = options.publicUrl + SCIM_BASE_PATH;
    this.resourceSchemas = [schemas.User, schemas.Group];
  }

  @Get('ServiceProviderConfig')
  serviceProviderConfig() {
    return serviceProviderConfigDocument({
      baseUrl: this.baseUrl,
      maxResults: this.options.maxPageSize,
      defaultPageSize: pagingPolicy(this.options.maxPageSize).defaultCount,
      cursorTimeout: CURSOR_TIMEOUT_SECONDS,
    });
  }

  @Get('ResourceTypes')
  resourceTypes() {
    return resourceTypesListDocument(this.resourceSchemas, this.baseUrl);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Param('id') id: string) {
    return resourceTypeDocument(this.resourceSchemas, id, this.baseUrl);
  }

  @Get('Schemas')
  schemas() {
    return schemasListDocument(schemasOf(this.resourceSchemas), this.baseUrl);
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string) {
    return schemaDocument(schemasOf(this.resourceSchemas), id, this.baseUrl);
  }
}
