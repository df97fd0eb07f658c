import { invalidValue } from '../errors';
import type { ResolvedNormalizeOptions } from './normalize-options';

/**
 * An attribute or sub-attribute name the schema does not define. RFC 7644 §3.3 lets a service provider ignore
 * what it does not support, and clients send extras (a member's `displayName`), so by default it is dropped and
 * its name recorded — never its value — for the audit trail; with `strictSchema` it is refused. A null value
 * carries nothing and is passed over either way (Entra sends unmapped attributes as null).
 */
export function unknownAttribute(opts: ResolvedNormalizeOptions, name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (opts.strictSchema) throw invalidValue(`Attribute '${name}' is not defined by the schema`);
  opts.ignored.add(name.replace(/\[\d+\]/g, ''));
}
