// The CLI's way to the running hub's admin API (for commands whose state lives in the running engine).
import type { HubConfig } from '@scim-hub/platform/config';

/** fetch, injectable for tests. */
export type AdminApi = typeof fetch;

/** The answer of an admin call: the JSON body, or a message saying what went wrong. */
export type AdminAnswer = { ok: true; body: unknown } | { ok: false; message: string };

/** Calls `method path` at HUB_PUBLIC_URL with HUB_ADMIN_TOKEN; network and HTTP errors become messages. */
export async function callAdminApi(api: AdminApi, config: HubConfig, method: 'GET' | 'POST', path: string): Promise<AdminAnswer> {
  const url = `${config.publicUrl}${path}`;
  let response: Response;
  try {
    response = await api(url, { method, headers: { authorization: `Bearer ${config.adminToken}`, accept: 'application/json' } });
  } catch (error) {
    return { ok: false, message: `cannot reach the hub at ${config.publicUrl} (HUB_PUBLIC_URL): ${(error as Error).message}` };
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return { ok: true, body };
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  return { ok: false, message: `${method} ${path}: ${response.status}${typeof detail === 'string' ? ` ${detail}` : ''}` };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
