/** Time-ordered ids for new resources and events. */
export { uuidV7 } from './uuid-v7';
/** Random bytes for ids and nonces, drawn from the CSPRNG a pool at a time. */
export { pooledRandomBytes } from './random-pool';
