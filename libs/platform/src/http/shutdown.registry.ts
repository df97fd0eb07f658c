import type { OnApplicationShutdown } from '@nestjs/common';

/** A resource closer registered by a module (event store, read model, token store, ...). */
export type CloseHook = () => void | Promise<void>;

/**
 * Close hooks, run in reverse registration order once the HTTP server has drained. Nest calls
 * onApplicationShutdown after the server closed, whereas onModuleDestroy runs before it, while
 * requests are still in flight: resources must close here, not in onModuleDestroy.
 */
export class ShutdownRegistry implements OnApplicationShutdown {
  private readonly hooks: { name: string; close: CloseHook }[] = [];
  private ran = false;

  /** Adds a hook; later registrations close first (they usually depend on earlier ones). */
  register(name: string, close: CloseHook): void {
    this.hooks.push({ name, close });
  }

  /** Runs every hook once; a failing hook does not stop the others. Returns the names that failed. */
  async runAll(): Promise<string[]> {
    if (this.ran) return [];
    this.ran = true;
    const failed: string[] = [];
    for (const hook of [...this.hooks].reverse()) {
      try {
        await hook.close();
      } catch {
        failed.push(hook.name);
      }
    }
    return failed;
  }

  async onApplicationShutdown(): Promise<void> {
    const failed = await this.runAll();
    if (failed.length > 0) throw new Error(`close hooks failed: ${failed.join(', ')}`);
  }
}
