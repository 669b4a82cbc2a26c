export interface Hasher {
  /** SHA-256 as lowercase hex; strings are hashed as UTF-8. */
  sha256Hex(data: Uint8Array | string): Promise<string>;
}
