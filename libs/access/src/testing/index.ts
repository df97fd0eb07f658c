/** The TokenStore contract suite (Jest), run against every adapter. */
export { tokenStoreContract } from './token-store.contract';
