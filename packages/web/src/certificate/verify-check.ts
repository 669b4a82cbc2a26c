// Loaded on its own when the verification page opens: Ed25519 and SHA-256 stay out of the first download.
import { verifyStepSignature } from "@baladiya/shared/certificate-seal";
import { saltedContentHash } from "@baladiya/shared/ledger-check";
import { verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { hexToBytes, utf8ToBytes } from "@baladiya/shared/ledger/encoding";
import { leafHash, verifyInclusion } from "@baladiya/shared/ledger/merkle";
import { trustLedgerKey } from "../ledger-key";
import { getPublishedLedgerKey } from "../queries";
import type { Verification } from "./queries";

export interface BrowserCheck {
  /** Per stage, in order: true / false, or null for an unsigned (applicant's) step. */
  signatures: (boolean | null)[];
  ledger: { ok: true; seq: number; size: number } | { ok: false; reason: string; keyChanged: boolean };
}

/**
 * Checks in this browser what the server says about a certificate: each stage's Ed25519 signature,
 * and that its content hash is recorded in the transparency log — the entry commits to the recorded
 * row, the row names this hash, and the leaf is proven under a tree head signed by the log key this
 * device trusts.
 */
export async function checkInBrowser(v: Verification): Promise<BrowserCheck> {
  const signatures = v.stages.map((s) =>
    s.signature === null ? null : s.publicKey !== null && verifyStepSignature(s.payload, s.signature, s.publicKey),
  );
  const l = v.ledger;
  if (!l) return { signatures, ledger: { ok: false, reason: "no ledger record", keyChanged: false } };
  const key = trustLedgerKey(await getPublishedLedgerKey());
  if (key.published !== null) return { signatures, ledger: { ok: false, reason: "key changed", keyChanged: true } };
  const fail = (reason: string) => ({ signatures, ledger: { ok: false as const, reason, keyChanged: false } });
  let entry: { content?: string } = {};
  let recorded: { after?: string | null } = {};
  try {
    entry = JSON.parse(l.entry) as typeof entry;
    recorded = JSON.parse(l.content) as typeof recorded;
  } catch {
    return fail("unreadable ledger record");
  }
  if (entry.content !== saltedContentHash(l.salt, l.content)) return fail("the ledger entry does not commit to the recorded row");
  let after: { contentHash?: string } = {};
  try {
    after = JSON.parse(recorded.after ?? "{}") as typeof after;
  } catch {
    return fail("unreadable recorded row");
  }
  if (after.contentHash !== v.contentHash) return fail("the log records another content hash");
  const head = verifyTreeHead(l.checkpoint, key.vkey);
  if (!head.ok) return fail(`tree head: ${head.reason}`);
  const included =
    head.checkpoint.size === l.size &&
    verifyInclusion({
      leafHash: leafHash(utf8ToBytes(l.entry)),
      index: l.seq,
      size: l.size,
      proof: l.proof.map(hexToBytes),
      root: head.checkpoint.root,
    });
  return included ? { signatures, ledger: { ok: true, seq: l.seq, size: l.size } } : fail("the inclusion proof does not verify");
}
