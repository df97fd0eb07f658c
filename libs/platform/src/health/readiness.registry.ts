/** The outcome of one readiness check: a boolean, or ok plus a short non-secret reason. */
export type ReadinessResult = boolean | { readonly ok: boolean; readonly detail?: string };

/** A readiness check registered by a module (store open, projector caught up, ...). */
export type ReadinessCheck = () => ReadinessResult | Promise<ReadinessResult>;

/** The report `/readyz` renders. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, { ok: boolean; detail?: string }>;
}

// A hung dependency must not hang the probe; the kubelet's own timeout is 1 s by default.
const CHECK_TIMEOUT_MS = 900;

/** Readiness checks by name; the hub is ready when every check passes and it is not shutting down. */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  /** Adds (or replaces) the check `name`. */
  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Marks the process as shutting down: readiness fails so load balancers stop routing to it. */
  markDraining(): void {
    this.draining = true;
  }

  /** Runs every check concurrently; a throwing or slow check counts as not ready. */
  async evaluate(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    if (this.draining) checks['shutdown'] = { ok: false, detail: 'draining' };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }
}

async function runCheck(check: ReadinessCheck): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: 'timed out' }), CHECK_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    return typeof result === 'boolean' ? { ok: result } : { ok: result.ok, ...(result.detail ? { detail: result.detail } : {}) };
  } catch {
    return { ok: false, detail: 'check failed' };
  } finally {
    clearTimeout(timer);
  }
}

/** A check that passes while `lag()` (events behind the log head) is at most `maxLag`. */
export function caughtUpWithin(maxLag: number, lag: () => number | Promise<number>): ReadinessCheck {
  return async () => {
    const behind = await lag();
    return { ok: behind <= maxLag, detail: `${behind} events behind` };
  };
}
