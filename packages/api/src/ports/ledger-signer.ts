/**
 * Signs the ledger's tree heads with its Ed25519 key: a key file on Node, a secret on Workers. The
 * public key is published (GET /ledger/key) so anyone can check a head offline.
 */
export interface LedgerSigner {
  /** The log's origin line in its checkpoints, e.g. "baladiya.gov.kw/ledger". */
  readonly origin: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}
