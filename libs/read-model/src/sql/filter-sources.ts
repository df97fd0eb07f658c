import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type AttributeDefinition, type BoundAttribute } from '@scim-hub/scim';
import { sqliteJsonPath, sqlKeyLiteral, type SqlDialect } from './sql-params';
import { columnScalar, docScalar, pgDocScalar, pgElementScalar, sqliteDocScalar, sqliteEachScalar, type SqlScalar } from './sql-scalar';

/** How the elements of one multi-valued attribute are reached: an EXISTS opener and the scalar of each sub-attribute. */
export interface ElementSource {
  /** `EXISTS (SELECT 1 FROM … WHERE … AND ` — the caller appends the element condition and `)`. */
  open: string;
  scalar(sub: AttributeDefinition | undefined): SqlScalar;
}

const isCore = (a: BoundAttribute) => a.schema !== undefined && !a.inExtension;

/** The scalar for a single-valued attribute (or a sub-attribute of a single-valued complex one) of resource `r`. */
export function topScalar(dialect: SqlDialect, attribute: BoundAttribute, sub: AttributeDefinition | undefined): SqlScalar {
  const name = attribute.def.name;
  if (attribute.schema === undefined) {
    if (name === 'id') return columnScalar('r.id', 'string');
    if (name === 'externalId') return columnScalar('r.external_id', 'string');
    if (name === 'meta' && sub?.name === 'resourceType') return columnScalar('r.resource_type', 'string');
    if (name === 'meta' && sub?.name === 'created') return columnScalar('r.created', 'dateTime');
    if (name === 'meta' && sub?.name === 'lastModified') return columnScalar('r.last_modified', 'dateTime');
    throw new Error(`No read-model column for '${name}${sub ? '.' + sub.name : ''}'`);
  }
  // The *_ci columns hold lowercased values, usable only while the attribute compares case-insensitively.
  if (isCore(attribute) && name === 'userName' && !attribute.def.caseExact) return columnScalar('r.user_name_ci', 'string', { lowered: true });
  if (isCore(attribute) && name === 'displayName' && !attribute.def.caseExact) return columnScalar('r.display_name_ci', 'string', { lowered: true });
  if (isCore(attribute) && name === 'active' && attribute.def.type === 'boolean') return columnScalar('r.active', 'boolean');
  if (attribute.schema === ENTERPRISE_USER_SCHEMA && name === 'manager' && sub?.name === 'value') return columnScalar('r.manager_id', 'string');
  const keys = [...(attribute.inExtension ? [attribute.schema] : []), name, ...(sub ? [sub.name] : [])];
  return docScalar(dialect, 'r.doc', keys);
}

function emailSource(): ElementSource {
  const columns: Record<string, SqlScalar> = {
    value: columnScalar('e.value_ci', 'string', { lowered: true }),
    type: columnScalar('e.type_ci', 'string', { lowered: true }),
    primary: columnScalar('e.is_primary', 'boolean'),
    display: columnScalar('e.display', 'string'),
  };
  return {
    open: 'EXISTS (SELECT 1 FROM scim_emails e WHERE e.tenant = r.tenant AND e.resource_type = r.resource_type AND e.id = r.id AND ',
    scalar: (sub) => lookup(columns, 'emails', sub),
  };
}

function memberSource(): ElementSource {
  const columns: Record<string, SqlScalar> = {
    value: columnScalar('m.member_id', 'string'),
    type: columnScalar('m.member_type', 'string'),
    display: columnScalar('m.display', 'string'),
  };
  return {
    open: 'EXISTS (SELECT 1 FROM scim_group_members m WHERE m.tenant = r.tenant AND m.group_id = r.id AND ',
    scalar: (sub) => lookup(columns, 'members', sub),
  };
}

function lookup(columns: Record<string, SqlScalar>, attribute: string, sub: AttributeDefinition | undefined): SqlScalar {
  const scalar = sub && columns[sub.name];
  if (!scalar) throw new Error(`No read-model column for '${attribute}${sub ? '.' + sub.name : ''}'`);
  return scalar;
}

function docArraySource(dialect: SqlDialect, attribute: BoundAttribute): ElementSource {
  const keys = [...(attribute.inExtension ? [attribute.schema as string] : []), attribute.def.name];
  if (dialect === 'sqlite') {
    const path = sqliteJsonPath(keys);
    return {
      open: `EXISTS (SELECT 1 FROM json_each(r.doc, ${path}) je WHERE json_type(r.doc, ${path}) = 'array' AND `,
      scalar: (sub) => (sub ? sqliteDocScalar('je.value', [sub.name]) : sqliteEachScalar('je')),
    };
  }
  const array = `(r.doc${keys.map((k) => ` -> ${sqlKeyLiteral(k)}`).join('')})`;
  return {
    open:
      `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ` +
      `ELSE '[]'::jsonb END) AS je(v) WHERE `,
    scalar: (sub) => (sub ? pgDocScalar('je.v', [sub.name]) : pgElementScalar('je.v')),
  };
}

/** Where the elements of a multi-valued attribute live: scim_emails, scim_group_members, or a JSON array in `doc`. */
export function elementSource(dialect: SqlDialect, attribute: BoundAttribute): ElementSource {
  if (attribute.schema === USER_SCHEMA && attribute.def.name === 'emails' && attribute.def.type === 'complex') return emailSource();
  if (attribute.schema === GROUP_SCHEMA && attribute.def.name === 'members' && attribute.def.type === 'complex') return memberSource();
  return docArraySource(dialect, attribute);
}
