/** Seals small secrets (employees' signing keys) under a key the database never holds. */
export interface SecretSealer {
  seal(plain: Uint8Array): Promise<Uint8Array>;
  open(sealed: Uint8Array): Promise<Uint8Array>;
}
