import type { ResourceSchema } from './resource-schema';
import type { SchemaDefinition } from './attribute-definition';
import { userSchema } from './user.schema';
import { groupSchema } from './group.schema';
import { enterpriseUserSchema } from './enterprise-user.schema';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns';

/** The User resource type with the Enterprise extension and any custom extensions from configuration. */
export function userResourceSchema(customExtensions: SchemaDefinition[] = []): ResourceSchema {
  return {
    resourceType: {
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        ...customExtensions.map((s) => ({ schema: s.id, required: false })),
      ],
    },
    core: userSchema,
    extensions: [enterpriseUserSchema, ...customExtensions],
  };
}

/** The Group resource type, with any custom extensions from configuration. */
export function groupResourceSchema(customExtensions: SchemaDefinition[] = []): ResourceSchema {
  return {
    resourceType: {
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: customExtensions.map((s) => ({ schema: s.id, required: false })),
    },
    core: groupSchema,
    extensions: customExtensions,
  };
}

/** The default User resource schema (core + Enterprise extension). */
export const USER: ResourceSchema = userResourceSchema();
/** The default Group resource schema. */
export const GROUP: ResourceSchema = groupResourceSchema();
