/** `<baseUrl>/<path>` with exactly one slash between them. */
export function discoveryLocation(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
