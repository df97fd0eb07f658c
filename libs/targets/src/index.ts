// The target registry: downstream SCIM applications per tenant, stored as audited events with sealed
// credentials, and the narrow control port the admin API uses to reach the running outbound engine.

/** parseTargetBody(body): an operator's target body → TargetInput with defaults; TARGET_ID_PATTERN for ids. */
export { parseTargetBody, targetIdAt, TARGET_ID_PATTERN, type ParseTargetOptions } from './target-body.validator';
/** TargetInput (a validated body) and the defaults applied to it. */
export { TARGET_DEFAULTS, type TargetInput, type AuthInput, type BearerAuthInput, type OAuth2AuthInput } from './target-input';
/** The error of an invalid target body; its message starts with the field's name. */
export { TargetValidationError } from './target-validation.error';
/** AES-256-GCM sealing of credentials, the stored form, and the mask shown instead of a secret. */
export { SecretCipher, SecretUnreadable, maskOf, SECRETS_KEY_BYTES, type SealedSecret } from './secret-cipher';
/** The key's sources: HUB_SECRETS_KEY, or a generated key file under HUB_DATA_DIR (embedded mode). */
export { secretCipherFor, decodeSecretsKey, loadOrCreateKeyFile, SECRETS_KEY_FILE, type SecretsKeySource } from './secrets-key';
/** Target events, their stream ids and the stored (sealed) target. */
export * from './target.events';
/** The fold of target streams. */
export { evolveTargets, initialTargetState, type TargetRecord, type TargetState } from './target-state';
/** The masked view the admin API and the CLI show. */
export { viewOf, type TargetView } from './target.view';
/** The masked auth of a view. */
export type { MaskedAuth } from './target-sealing';
/** The registry (implements the dispatcher's TargetSource) and the metadata of a change. */
export { TargetRegistry, type ChangeMetadata, type TargetRegistryOptions } from './target-registry';
/** Errors of registry writes. */
export * from './target-registry.errors';
/** HUB_TARGETS_FILE: read, validate, apply as desired state. */
export { readTargetsFile, parseTargetsFile, applyTargets, TargetsFileError, type TargetsFileOutcome } from './targets-file';
/** The running engine's control surface as the admin API sees it, and the stand-in when no engine runs. */
export * from './outbound-control.port';
