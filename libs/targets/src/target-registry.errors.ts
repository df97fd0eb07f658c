/** POST of an id that a live target (of any tenant) already has; target ids are unique across tenants. */
export class TargetExists extends Error {
  override name = 'TargetExists';
  constructor(readonly id: string, readonly tenant: string) {
    super(`target ${id} already exists (tenant ${tenant})`);
  }
}

/** No live target has this id. */
export class TargetNotFound extends Error {
  override name = 'TargetNotFound';
  constructor(readonly id: string) {
    super(`target ${id} not found`);
  }
}

/** The target was changed by someone else between read and write; the caller may read and try again. */
export class TargetChangedConcurrently extends Error {
  override name = 'TargetChangedConcurrently';
  constructor(readonly id: string) {
    super(`target ${id} was changed concurrently; read it again and retry`);
  }
}

/** A shared store without HUB_SECRETS_KEY: credentials can be neither sealed nor opened. */
export class SecretsKeyMissing extends Error {
  override name = 'SecretsKeyMissing';
  constructor() {
    super('target credentials need HUB_SECRETS_KEY (32 random bytes in base64) when the store is shared (HUB_STORE=postgres or eventstoredb)');
  }
}
