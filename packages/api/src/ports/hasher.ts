export interface Hasher {
  /** SHA-256 as lowercase hex; strings are hashed as UTF-8. */
  sha256Hex(data: Uint8Array | string): Promise<string>;
  /**
   * SHA-256 of the parts one after the other (strings as UTF-8), on the calling thread: the ledger
   * hashes several times per leaf inside a transaction.
   */
  sha256(...parts: (Uint8Array | string)[]): Uint8Array;
}
