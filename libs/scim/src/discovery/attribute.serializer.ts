import type { AttributeDefinition } from '../schema';
import type { JsonObject } from '../resource';

/**
 * The /Schemas representation of one attribute (RFC 7643 §7), fields in the RFC's order. Optional fields are left
 * out rather than sent as null or [] (Entra: "If a value isn't present, don't send null values", docs/entra-compatibility.md §12).
 */
export function attributeDocument(def: AttributeDefinition): JsonObject {
  const out: JsonObject = { name: def.name, type: def.type };
  if (def.type === 'complex' && def.subAttributes?.length) out.subAttributes = def.subAttributes.map(attributeDocument);
  out.multiValued = def.multiValued;
  out.description = def.description;
  out.required = def.required;
  if (def.canonicalValues?.length) out.canonicalValues = [...def.canonicalValues];
  out.caseExact = def.caseExact;
  out.mutability = def.mutability;
  out.returned = def.returned;
  out.uniqueness = def.uniqueness;
  if (def.type === 'reference' && def.referenceTypes?.length) out.referenceTypes = [...def.referenceTypes];
  return out;
}
