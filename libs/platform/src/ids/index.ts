/** Time-ordered ids for new resources and events. */
export { uuidV7 } from './uuid-v7';
