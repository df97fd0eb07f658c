import { type CustomSchemaDefinition, parseCustomSchemas } from '@scim-hub/scim';
import { readFileSync } from 'node:fs';

/** Reads HUB_CUSTOM_SCHEMAS_FILE; any problem is reported naming the variable, and the hub does not start. */
export function loadCustomSchemas(file: string | undefined): CustomSchemaDefinition[] {
  if (!file) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`HUB_CUSTOM_SCHEMAS_FILE ${file}: ${(error as Error).message}`);
  }
  try {
    return parseCustomSchemas(json);
  } catch (error) {
    throw new Error(`HUB_CUSTOM_SCHEMAS_FILE ${file}: ${(error as Error).message}`);
  }
}
