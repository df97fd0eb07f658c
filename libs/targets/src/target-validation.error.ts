/** A target body that does not describe a valid target; `field` is the dotted path of the first wrong field. */
export class TargetValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TargetValidationError';
  }
}

/** Throws a TargetValidationError whose message starts with the field's name. */
export function fieldError(field: string, rule: string): never {
  throw new TargetValidationError(field, `${field} ${rule}`);
}
