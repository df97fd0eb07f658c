import type { SchemaDefinition } from './attribute-definition';
import { attribute } from './attribute-builder';
import { GROUP_SCHEMA } from './urns';

/** The core Group schema (RFC 7643 §4.2). `display` on members is tolerated because Entra sends it. */
export const groupSchema: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'string', { required: true, uniqueness: 'server' }),
    attribute('members', 'complex', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', { mutability: 'immutable' }),
        attribute('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'immutable' }),
        attribute('type', 'string', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
        attribute('display', 'string'),
      ],
    }),
  ],
};
