import type { LedgerKey } from "@baladiya/shared/ledger-api";
import { noteSignatureLine, verifierKey } from "@baladiya/shared/ledger/checkpoint";
import { bytesToBase64 } from "@baladiya/shared/ledger/encoding";
import type { LedgerSigner } from "../../ports/ledger-signer";

/** The log's C2SP verifier key: what witnesses, the SDK and the browser check tree heads with. */
export const logVerifierKey = (signer: LedgerSigner): string => verifierKey(signer.origin, signer.publicKey);

export const ledgerKey = (signer: LedgerSigner): LedgerKey => ({
  origin: signer.origin,
  publicKey: bytesToBase64(signer.publicKey),
  vkey: logVerifierKey(signer),
});

/** A C2SP signed note: the checkpoint body, a blank line, and the log's signature line. */
export async function signNote(signer: LedgerSigner, body: string): Promise<string> {
  const signature = await signer.sign(new TextEncoder().encode(body));
  return `${body}\n${noteSignatureLine(signer.origin, signer.publicKey, signature)}`;
}
