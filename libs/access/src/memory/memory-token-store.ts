import { HashedTokenStore, type TokenRecord, infoOf } from '../hashed-token-store';
import type { TokenInfo } from '../token-store.port';

/** In-memory token store for tests and throwaway runs; nothing survives a restart. */
export class MemoryTokenStore extends HashedTokenStore {
  private readonly rows: TokenRecord[] = [];

  protected async insertIfAbsent(record: TokenRecord): Promise<string> {
    const existing = this.rows.find((row) => row.hash.equals(record.hash));
    if (existing) return existing.id;
    this.rows.push(record);
    return record.id;
  }

  protected async findByLookup(lookup: string): Promise<TokenRecord[]> {
    return this.rows.filter((row) => row.lookup === lookup);
  }

  protected async selectAll(tenant: string | undefined): Promise<TokenInfo[]> {
    return this.rows.filter((row) => tenant === undefined || row.tenant === tenant).map(infoOf);
  }

  protected async markRevoked(id: string, at: string): Promise<boolean> {
    const index = this.rows.findIndex((row) => row.id === id && !row.revokedAt);
    if (index < 0) return false;
    this.rows[index] = { ...this.rows[index], revokedAt: at };
    return true;
  }

  protected async countAll(): Promise<number> {
    return this.rows.length;
  }

  async close(): Promise<void> {}
}
