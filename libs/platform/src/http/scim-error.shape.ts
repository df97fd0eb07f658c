// platform is a type:util lib and may not import @scim-hub/scim (Nx boundaries), so it knows ScimError by
// its shape: the same test @scim-hub/scim's isScimError applies across module copies.

/** The SCIM error message schema URN (RFC 7644 §3.12). */
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The wire form of a SCIM error; `status` is a string (RFC 7644 §3.12; Entra expects it so). */
export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail?: string;
}

/** What the platform needs from a ScimError. */
export interface ScimErrorShape extends Error {
  readonly status: number;
  toJSON(): ScimErrorBody;
}

/** True for @scim-hub/scim's ScimError (and HttpScimError): an Error named ScimError with a status. */
export function isScimErrorShape(e: unknown): e is ScimErrorShape {
  if (!(e instanceof Error) || e.name !== 'ScimError') return false;
  const candidate = e as Partial<ScimErrorShape>;
  return typeof candidate.status === 'number' && typeof candidate.toJSON === 'function';
}

/**
 * True for the ports' "cannot reach the store" errors (EventStoreUnavailable, ReadModelUnavailable,
 * TokenStoreUnavailable): an Error whose name ends in `Unavailable`. They mean "retry later" (HTTP 503).
 */
export function isUnavailableShape(e: unknown): e is Error {
  return e instanceof Error && /^[A-Za-z]+Unavailable$/.test(e.name);
}

/** A SCIM error raised by the HTTP plumbing itself (body parsing); recognised by isScimError too. */
export class HttpScimError extends Error implements ScimErrorShape {
  constructor(
    readonly status: number,
    readonly scimType: string | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  toJSON(): ScimErrorBody {
    return {
      schemas: [SCIM_ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}
