// Loaded on its own when the verification page opens: Ed25519 and SHA-256 stay out of the first download.
import type { LedgerKey } from "@baladiya/shared/ledger-api";
import { verifyStepSignature } from "@baladiya/shared/certificate-seal";
import { saltedContentHash } from "@baladiya/shared/ledger-check";
import { verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { hexToBytes, utf8ToBytes } from "@baladiya/shared/ledger/encoding";
import { leafHash, verifyInclusion } from "@baladiya/shared/ledger/merkle";
import { trustLedgerKey } from "../ledger-key";
import { getPublishedLedgerKey } from "../queries";
import type { Verification } from "./queries";

/** Why the ledger proof did not hold, as the page words it. */
export type LedgerFailure =
  "missing" | "key_unavailable" | "key_changed" | "unreadable" | "entry_mismatch" | "other_hash" | "bad_head" | "not_included";

export interface BrowserCheck {
  /** Per stage, in order: true / false, or null for an unsigned (applicant's) step. */
  signatures: (boolean | null)[];
  ledger: { ok: true; seq: number; size: number; keySince: string } | { ok: false; reason: LedgerFailure; detail: string | null };
}

const signatureHolds = (s: Verification["stages"][number]): boolean | null => {
  if (s.signature === null) return null;
  if (s.publicKey === null) return false;
  try {
    return verifyStepSignature(s.payload, s.signature, s.publicKey);
  } catch {
    return false;
  }
};

const parse = <T>(text: string): T | null => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};

/**
 * Checks in this browser what the server says about a certificate: each stage's Ed25519 signature,
 * and that its content hash is recorded in the transparency log — the entry commits to the recorded
 * row, the row names this hash, and the leaf is proven under a tree head signed by the log key this
 * device trusts (trust on first use).
 */
export async function checkInBrowser(v: Verification): Promise<BrowserCheck> {
  const signatures = v.stages.map(signatureHolds);
  const fail = (reason: LedgerFailure, detail: string | null = null): BrowserCheck => ({
    signatures,
    ledger: { ok: false, reason, detail },
  });
  const l = v.ledger;
  if (!l) return fail("missing");
  let published: LedgerKey;
  try {
    published = await getPublishedLedgerKey();
  } catch {
    return fail("key_unavailable");
  }
  const key = trustLedgerKey(published);
  if (key.published !== null) return fail("key_changed");
  const entry = parse<{ content?: string }>(l.entry);
  const recorded = parse<{ after?: string | null }>(l.content);
  if (!entry || !recorded) return fail("unreadable");
  if (entry.content !== saltedContentHash(l.salt, l.content)) return fail("entry_mismatch");
  const after = parse<{ contentHash?: string }>(recorded.after ?? "{}");
  if (after?.contentHash !== v.contentHash) return fail("other_hash");
  const head = verifyTreeHead(l.checkpoint, key.vkey);
  if (!head.ok) return fail("bad_head", head.reason);
  const included =
    head.checkpoint.size === l.size &&
    verifyInclusion({
      leafHash: leafHash(utf8ToBytes(l.entry)),
      index: l.seq,
      size: l.size,
      proof: l.proof.map(hexToBytes),
      root: head.checkpoint.root,
    });
  if (!included) return fail("not_included");
  return { signatures, ledger: { ok: true, seq: l.seq, size: l.size, keySince: key.since } };
}
