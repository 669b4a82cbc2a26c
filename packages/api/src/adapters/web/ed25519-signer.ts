import { ed25519 } from "@noble/curves/ed25519.js";
import type { LedgerSigner } from "../../ports/ledger-signer";

/** An Ed25519 signer from a 32-byte secret key; pure JavaScript, so the same on Node and Workers. */
export function createEd25519Signer(origin: string, secretKey: Uint8Array): LedgerSigner {
  if (secretKey.length !== 32) throw new Error("The ledger key must be 32 bytes");
  const publicKey = ed25519.getPublicKey(secretKey);
  return { origin, publicKey, sign: async (message) => ed25519.sign(message, secretKey) };
}
