/**
 * The Ministry of Justice's Real Estate Registration system, as our forwarder sees it: it receives
 * the signed certificate package and answers with a receipt it signs with its own Ed25519 key.
 */
export interface MojPackage {
  applicationNumber: string;
  certificateNumber: string;
  /** The certificate document (canonical JSON) as it will be issued if registered. */
  document: string;
  contentHash: string;
  /** The registration step the Ministry signs if it registers (canonical JSON StepPayload). */
  registerPayload: string;
  /** The rejection step it signs instead, if it rejects. */
  rejectPayload: string;
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
