import type { TargetDefinition, TargetSource } from '../target.definition';

/** A TargetSource held in memory: tests (and tools) set targets and listeners hear about it. */
export class InMemoryTargetSource implements TargetSource {
  private readonly targets = new Map<string, TargetDefinition>();
  private readonly listeners = new Set<() => void>();

  async list(): Promise<TargetDefinition[]> {
    return [...this.targets.values()];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds or replaces a target. */
  set(target: TargetDefinition): void {
    this.targets.set(target.id, target);
    for (const listener of this.listeners) listener();
  }

  /** Removes a target. */
  remove(id: string): void {
    this.targets.delete(id);
    for (const listener of this.listeners) listener();
  }
}

/** A target definition with the defaults the admin layer applies, overridden by `overrides`. */
/** The bearer token targetDefinition() uses; start the test target with it. */
export const TARGET_TOKEN = 'target-token';

export function targetDefinition(overrides: Partial<TargetDefinition> & Pick<TargetDefinition, 'id' | 'baseUrl'>): TargetDefinition {
  return {
    tenant: 'default',
    auth: { type: 'bearer', token: TARGET_TOKEN },
    resourceTypes: ['Users', 'Groups'],
    matchBy: ['userName', 'externalId'],
    onDeprovision: 'disable',
    concurrency: 4,
    enabled: true,
    ...overrides,
  };
}
