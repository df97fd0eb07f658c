// Per-subject encryption keys (crypto-shredding): the personal data of a user's events is sealed with a key
// kept only here; destroying the key makes those events unreadable everywhere the log was copied.

/** Where per-subject keys live (SQLite `keys.db` in embedded mode, a PostgreSQL schema in scale-out). */
export interface SubjectKeyStore {
  /**
   * The subject's key, created (32 random bytes) when it has none. Durable before it resolves. `fresh`: the caller
   * knows the subject is new (its stream is appended to as `no_stream`), so a store may create the key without
   * looking for one first; a key that exists all the same (a retried create) is still the one handed out.
   */
  keyFor(subject: string, fresh?: boolean): Promise<Buffer>;
  /** The keys of those subjects that have one; destroyed keys are absent. */
  find(subjects: readonly string[]): Promise<Map<string, Buffer>>;
  /** Destroys a subject's key; false when it had none. */
  destroy(subject: string): Promise<boolean>;
  /** Removes the bytes of destroyed keys from storage files (SQLite: WAL checkpoint TRUNCATE; secure_delete is on). */
  purge(): Promise<void>;
  close(): Promise<void>;
}
