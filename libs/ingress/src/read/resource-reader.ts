import type { ListQuery, ReadModel, ReadOptions, StoredResource } from '@scim-hub/read-model';
import {
  invalidCursor,
  isAttributeSelected,
  needsMembers,
  notFound,
  parseFilter,
  type Filter,
  type ResourceSchema,
  type ScimResource,
  type SelectionInput,
  type SortRequest,
} from '@scim-hub/scim';
import type { ResourceType } from '../write/identity-streams';
import { cursorScope, cursorsOf, decodeCursor } from './page-cursor';
import { presentMembers, presentResource } from './resource-presenter';

/** The order of resource types in a root search's result. */
const ROOT_SEARCH_ORDER: readonly ResourceType[] = ['User', 'Group'];

/** A list request after parsing: filter text, 1-based startIndex or a cursor, count and attribute selection. */
export interface ListRequest {
  filter?: string;
  startIndex: number;
  count: number;
  /** RFC 9865 cursor paging when present ('' asks for the first page); startIndex is then unused. */
  cursor?: string;
  /** RFC 7644 §3.4.2.3 sortBy / sortOrder. */
  sort?: SortRequest;
  selection: SelectionInput;
}

/** One page of rendered resources, with the RFC 9865 cursors beside it when it was read by cursor. */
export interface ListPage {
  totalResults: number;
  resources: ScimResource[];
  nextCursor?: string;
  previousCursor?: string;
}

/** The query side of the SCIM API: reads the read model and renders resources for the wire. */
export class ResourceReader {
  // Most reads select no attributes (Entra's never do): their read options are worked out once.
  private readonly defaultReadOptions: Record<ResourceType, ReadOptions>;

  constructor(
    private readonly readModel: ReadModel,
    private readonly schemas: Record<ResourceType, ResourceSchema>,
    private readonly publicUrl: string,
  ) {
    this.defaultReadOptions = { User: this.readOptionsOf('User', {}), Group: this.readOptionsOf('Group', {}) };
  }

  /** The resource as the client should see it, or a 404 ScimError (RFC 7644 §3.4.1; Entra expects the SCIM error body). */
  async get(tenant: string, type: ResourceType, id: string, selection: SelectionInput): Promise<{ resource: ScimResource; version: number }> {
    const stored = await this.readModel.getResource(tenant, type, id, this.readOptions(type, selection));
    if (!stored) throw notFound(`${type} ${id} not found`);
    const [resource] = this.render(type, [stored], selection);
    return { resource, version: stored.version };
  }

  /** Current version of a resource (for If-None-Match), or undefined when it does not exist. */
  async version(tenant: string, type: ResourceType, id: string): Promise<number | undefined> {
    return (await this.readModel.getResource(tenant, type, id, { includeMembers: false }))?.version;
  }

  async list(tenant: string, type: ResourceType, request: ListRequest): Promise<ListPage> {
    const filter: Filter | undefined = request.filter?.trim() ? parseFilter(request.filter) : undefined;
    const scope = request.cursor === undefined ? undefined : cursorScope(tenant, type, filter, request.sort);
    const seek = scope === undefined ? undefined : decodeCursor(request.cursor ?? '', scope);
    const { includeMembers, includeGroups } = this.readOptions(type, request.selection);
    const query: ListQuery = { filter, startIndex: request.startIndex, count: request.count, includeMembers, includeGroups };
    if (seek) query.seek = seek;
    if (request.sort) query.sort = request.sort;
    const result = await this.readModel
      .list(tenant, type, query)
      .catch((error: unknown) => Promise.reject(error instanceof Error && error.name === 'InvalidPageKey' ? invalidCursor(error.message) : error));
    const resources = this.render(type, result.resources, request.selection);
    const cursors = seek && scope !== undefined ? cursorsOf(seek, result.bounds, scope) : {};
    return { totalResults: result.totalResults, resources, ...cursors };
  }

  /**
   * A search at the root (RFC 7644 §3.4.3): Users, then Groups, each in its own stable order, paged as one
   * list. Attributes a type does not have are absent on it, so they match nothing there (RFC 7644 §3.4.2.2),
   * e.g. `userName eq "x"` finds no group; a comparison the schema forbids is still 400 invalidFilter.
   */
  async listAcross(tenant: string, request: ListRequest): Promise<ListPage> {
    // A cursor is bound to one resource type's order (docs/scim-queries.md); across types only index paging.
    if (request.cursor !== undefined) throw invalidCursor('cursor paging is not available for a search across resource types; use startIndex');
    const filter: Filter | undefined = request.filter?.trim() ? parseFilter(request.filter) : undefined;
    const page: ListPage = { totalResults: 0, resources: [] };
    let skip = request.startIndex - 1;
    for (const type of ROOT_SEARCH_ORDER) {
      const room = request.count - page.resources.length;
      const result = await this.readModel.list(tenant, type, { filter, startIndex: skip + 1, count: room, ...this.readOptions(type, request.selection) });
      page.totalResults += result.totalResults;
      page.resources.push(...this.render(type, result.resources, request.selection));
      skip = Math.max(0, skip - result.totalResults);
    }
    return page;
  }

  // Members and groups are read only when the selection returns them (RFC 7644 §3.4.2.5; Entra reads groups with
  // excludedAttributes=members).
  private readOptions(type: ResourceType, selection: SelectionInput): ReadOptions {
    if (selection.attributes === undefined && selection.excludedAttributes === undefined) return this.defaultReadOptions[type];
    return this.readOptionsOf(type, selection);
  }

  private readOptionsOf(type: ResourceType, selection: SelectionInput): ReadOptions {
    const schema = this.schemas[type];
    return {
      includeMembers: type === 'Group' && needsMembers(selection, schema),
      includeGroups: type === 'User' && isAttributeSelected(schema, selection, 'groups'),
    };
  }

  private render(type: ResourceType, stored: StoredResource[], selection: SelectionInput): ScimResource[] {
    const schema = this.schemas[type];
    return stored.map((one) => {
      const extra: Partial<ScimResource> = {};
      const members = one.resource['members'];
      if (Array.isArray(members)) extra['members'] = presentMembers(members, this.publicUrl) as unknown as ScimResource[string];
      if (one.groups?.length) extra['groups'] = one.groups as unknown as ScimResource[string];
      return presentResource(one, type, schema, this.publicUrl, selection, extra);
    });
  }
}
