/** The /admin/tokens controller. */
export { AdminTokensController } from './admin-tokens.controller';
/** Validated inputs of /admin/tokens. */
export { CreateTokenDto, ListTokensQuery } from './create-token.dto';
