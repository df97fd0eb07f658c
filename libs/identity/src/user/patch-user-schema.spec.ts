import { attribute, invalidPath, userResourceSchema, type PatchOperation, type SchemaDefinition } from '@scim-hub/scim';
import { deciderSpec } from '../testing';
import { alice, userCreated } from '../testing/fixtures/identity.fixtures';
import { userDecider } from './user.decider';

const CUSTOM = 'urn:example:params:scim:schemas:extension:acme:2.0:User';
const acme: SchemaDefinition = {
  id: CUSTOM,
  name: 'AcmeUser',
  description: 'Acme',
  attributes: [attribute('costCenter', 'string'), attribute('badge', 'integer'), attribute('sites', 'string', { multiValued: true })],
};
const patch = (...operations: PatchOperation[]) => ({ type: 'PatchUser', operations }) as const;

describe('User decider — the configured schema and strictness reach PATCH', () => {
  const configured = deciderSpec(userDecider(userResourceSchema([acme])));

  it('adds, replaces and removes attributes of a custom extension, by URN path and by extension object', () => {
    configured([userCreated()])
      .when(patch({ op: 'add', path: `${CUSTOM}:costCenter`, value: 'CC-1' }, { op: 'replace', value: { [CUSTOM]: { schemas: [CUSTOM], badge: 7 } } }))
      .thenState((state) => expect(state.exists && state.resource[CUSTOM]).toEqual({ costCenter: 'CC-1', badge: 7 }));
    configured([userCreated(alice({ [CUSTOM]: { costCenter: 'CC-1' } }))])
      .when(patch({ op: 'remove', path: `${CUSTOM}:costCenter` }))
      .then([{ type: 'UserUpdated', data: { changes: [{ attribute: `${CUSTOM}:costCenter` }] } }]);
  });

  it('removes one value of a multi-valued string inside the extension by a value filter', () => {
    const schemas = [...(alice().schemas as string[]), CUSTOM];
    configured([userCreated(alice({ schemas, [CUSTOM]: { sites: ['Oslo', 'Bergen'] } }))])
      .when(patch({ op: 'remove', path: `${CUSTOM}:sites[value eq "oslo"]` }))
      .then([{ type: 'UserUpdated', data: { changes: [{ attribute: `${CUSTOM}:sites`, value: ['Bergen'] }] } }]);
  });

  it('does not know the custom extension without the configured schema (invalidPath)', () => {
    deciderSpec(userDecider())([userCreated()]).when(patch({ op: 'add', path: `${CUSTOM}:costCenter`, value: 'CC-1' })).then(invalidPath('x'));
  });

  it('ignores an unknown key of a path-less value by default and refuses it with strictSchema', () => {
    const body = patch({ op: 'replace', value: { nickName: 'Al', shoeSize: 44 } });
    configured([userCreated()]).when(body).then([{ type: 'UserUpdated', data: { changes: [{ attribute: 'nickName', value: 'Al' }] } }]);
    deciderSpec(userDecider(userResourceSchema([acme]), { strictSchema: true }))([userCreated()]).when(body).then(invalidPath('x'));
  });
});
