import type { SchemaDefinition } from './attribute-definition';
import { attribute } from './attribute-builder';
import { ENTERPRISE_USER_SCHEMA } from './urns';

/** The Enterprise User extension (RFC 7643 §4.3); `manager` is always the complex `{value, $ref, displayName}`. */
export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attribute('employeeNumber', 'string'),
    attribute('costCenter', 'string'),
    attribute('organization', 'string'),
    attribute('division', 'string'),
    attribute('department', 'string'),
    attribute('manager', 'complex', {
      subAttributes: [
        attribute('value', 'string'),
        attribute('$ref', 'reference', { referenceTypes: ['User'] }),
        attribute('displayName', 'string', { mutability: 'readOnly' }),
      ],
    }),
  ],
};
