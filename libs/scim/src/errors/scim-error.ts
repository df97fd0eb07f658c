/** RFC 7644 §3.12 detail error keywords, plus the paging ones of RFC 9865 §2.1. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'invalidCount';

/** The SCIM error message schema URN (RFC 7644 §3.12). */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The wire form of a SCIM error; `status` is a string (RFC 7644 §3.12, Entra expects it so). */
export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/** A protocol error with its HTTP status and optional `scimType`; everything the protocol refuses is one of these. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  toJSON(): ScimErrorBody {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

/** True when `e` is a ScimError (works across module copies). */
export function isScimError(e: unknown): e is ScimError {
  return e instanceof ScimError || (e instanceof Error && e.name === 'ScimError' && 'status' in e);
}
