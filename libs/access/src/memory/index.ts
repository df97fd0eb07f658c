/** In-memory TokenStore adapter (tests, throwaway runs). */
export { MemoryTokenStore } from './memory-token-store';
