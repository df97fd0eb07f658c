/** The Nest guard authenticating SCIM requests by bearer token. */
export { ScimBearerGuard } from './scim-bearer.guard';
/** Global Nest module providing the token store, authenticator and guard. */
export { AccessModule, TOKEN_STORE, InjectTokenStore, type AccessModuleOptions } from './access.module';
/** Header parsing and token/JWT verification behind the guard. */
export { BearerAuthenticator, bearerTokenOf, type JwtVerifier } from './bearer-authenticator';
/** The authenticated principal of a request: decorator and accessors. */
export { CurrentPrincipal, principalOf, attachPrincipal } from './principal';
