/** Verification of Entra-issued JWTs against the issuer's JWKS. */
export { EntraJwtVerifier, type EntraJwtOptions } from './entra-jwt.verifier';
