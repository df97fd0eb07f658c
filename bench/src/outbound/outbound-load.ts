// Writes to the hub over SCIM: a bulk load with a fixed number of writers, and an open-loop paced load
// (a change every 1/rate s whatever the answers do, so a slow hub cannot hide latency by slowing the load).

/** A SCIM caller bound to the hub. */
export interface HubScim {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** The hub's SCIM API with a bearer token. */
export function hubScim(baseUrl: string, token: string): HubScim {
  return {
    async request(method, path, body) {
      const res = await fetch(`${baseUrl}/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** Runs `count` tasks with `writers` in flight; a non-2xx answer stops the run with its status. */
export async function bulk(count: number, writers: number, task: (i: number) => Promise<{ status: number }>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const { status } = await task(i);
      if (status >= 300) throw new Error(`write ${i} answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(writers, count) }, worker));
}

/** Starts task i at start + i/rate s; resolves with the time each one's 2xx arrived (ms since epoch). */
export async function paced(count: number, rate: number, task: (i: number) => Promise<{ status: number }>): Promise<Map<number, number>> {
  const acknowledged = new Map<number, number>();
  const start = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      task(i).then(({ status }) => {
        if (status < 300) acknowledged.set(i, Date.now());
      }),
    );
  }
  await Promise.all(inFlight);
  return acknowledged;
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
