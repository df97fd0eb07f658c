import type { SchemaDefinition } from './attribute-definition';
import { attribute, multiValuedComplex } from './attribute-builder';
import { USER_SCHEMA } from './urns';

const str = (name: string, extra: Parameters<typeof attribute>[2] = {}) => attribute(name, 'string', extra);

/** The core User schema (RFC 7643 §4.1, §8.7.1). */
export const userSchema: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    str('userName', { required: true, uniqueness: 'server', description: 'Unique identifier for the User, typically used to sign in.' }),
    attribute('name', 'complex', {
      subAttributes: [
        str('formatted'),
        str('familyName'),
        str('givenName'),
        str('middleName'),
        str('honorificPrefix'),
        str('honorificSuffix'),
      ],
    }),
    str('displayName'),
    str('nickName'),
    attribute('profileUrl', 'reference', { referenceTypes: ['external'] }),
    str('title'),
    str('userType'),
    str('preferredLanguage'),
    str('locale'),
    str('timezone'),
    attribute('active', 'boolean'),
    str('password', { mutability: 'writeOnly', returned: 'never' }),
    multiValuedComplex('emails', ['work', 'home', 'other']),
    multiValuedComplex('phoneNumbers', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValuedComplex('ims', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    attribute('photos', 'complex', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'reference', { referenceTypes: ['external'] }),
        str('display'),
        str('type', { canonicalValues: ['photo', 'thumbnail'] }),
        attribute('primary', 'boolean'),
      ],
    }),
    attribute('addresses', 'complex', {
      multiValued: true,
      subAttributes: [
        str('formatted'),
        str('streetAddress'),
        str('locality'),
        str('region'),
        str('postalCode'),
        str('country'),
        str('type', { canonicalValues: ['work', 'home', 'other'] }),
        attribute('primary', 'boolean'),
      ],
    }),
    attribute('groups', 'complex', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        str('value', { mutability: 'readOnly' }),
        attribute('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'readOnly' }),
        str('display', { mutability: 'readOnly' }),
        str('type', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }),
      ],
    }),
    multiValuedComplex('entitlements', []),
    multiValuedComplex('roles', []),
    attribute('x509Certificates', 'complex', {
      multiValued: true,
      subAttributes: [attribute('value', 'binary'), str('display'), str('type'), attribute('primary', 'boolean')],
    }),
  ],
};
