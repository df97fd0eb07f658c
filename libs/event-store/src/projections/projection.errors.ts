/** No projection of that name is registered with the runner. */
export class UnknownProjection extends Error {
  constructor(readonly projection: string) {
    super(`no projection named "${projection}"`);
    this.name = 'UnknownProjection';
  }
}

/** The operation cannot run now (another rebuild runs, another process holds the lease, replay unsupported). */
export class ProjectionConflict extends Error {
  constructor(
    readonly projection: string,
    detail: string,
  ) {
    super(`projection "${projection}": ${detail}`);
    this.name = 'ProjectionConflict';
  }
}
