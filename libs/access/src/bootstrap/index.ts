/** First-start token handling (HUB_BOOTSTRAP_TOKEN or a generated token printed once). */
export { ensureInitialToken, firstTokenBanner, type InitialTokenOutcome } from './initial-token';
