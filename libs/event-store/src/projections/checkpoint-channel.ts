/**
 * The PostgreSQL NOTIFY channel on which projections announce a committed checkpoint (payload: the projection's
 * name). Processes that do not run a projection LISTEN on it to answer writes as soon as the projection in
 * another process has passed them; a projection that does not notify is still seen by polling.
 */
export const PROJECTION_CHECKPOINT_CHANNEL = 'scim_hub_projection_checkpoints';
