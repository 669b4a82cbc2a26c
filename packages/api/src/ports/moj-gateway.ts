/**
 * The Ministry of Justice's Real Estate Registration system, as our forwarder sees it: it receives
 * the signed certificate package and answers with a receipt it signs with its own Ed25519 key.
 */
export interface MojPackage {
  applicationNumber: string;
  /**
   * Canonical JSON of the application as audited: property, purpose, the inspector's description and
   * every signed step so far (payload, signature, key id and public key).
   */
  document: string;
  contentHash: string;
  /**
   * The registration step the Ministry signs if it registers (canonical JSON StepPayload). To reject
   * it signs the same payload with action "reject", to "rejected" and data = SHA-256 of the canonical
   * JSON {"reason": …} (the SDK's stepPayloadText does this).
   */
  registerPayload: string;
}

export interface MojReceipt {
  receiptId: string;
  decision: "registered" | "rejected";
  reason: string | null;
  /** Ed25519 over the registerPayload or the rejectPayload, by the Ministry's key. */
  stepSignature: string;
  /** Ed25519 over the canonical JSON of the receipt without this field. */
  receiptSignature: string;
  at: string;
}

export interface MojGateway {
  /** The Ministry's public key (hex), which its receipts must verify against. */
  readonly publicKey: string;
  forward(pkg: MojPackage): Promise<MojReceipt>;
}
