import { pgUnavailableReason } from '@scim-hub/platform/postgres';
import { TokenStoreUnavailable } from '../access.errors';

/** Translates `pg` connection failures into TokenStoreUnavailable; a failing statement is passed on unchanged. */
export function translatePostgresTokenError(error: unknown): unknown {
  if (error instanceof TokenStoreUnavailable) return error;
  const reason = pgUnavailableReason(error);
  return reason === undefined ? error : new TokenStoreUnavailable(`token store database unavailable (${reason})`, error);
}
