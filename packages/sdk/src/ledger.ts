/**
 * Check Baladiya's transparency ledger yourself, offline: nothing in this module calls the server.
 * The same code runs in Node, browsers and Workers.
 *
 * 1. Fetch the log's verifier key once (`GET /ledger/key` → `vkey`, or `ledger.key` over tRPC) and
 *    keep it: pinning it is what makes every later check mean something.
 * 2. Check a signed tree head (`GET /ledger/checkpoint`, a C2SP checkpoint note):
 *
 *        const head = verifyTreeHead(note, vkey);
 *        if (!head.ok) throw new Error(head.reason);
 *
 * 3. Check that an entry is in that tree (`GET /ledger/proof/inclusion?seq=…&size=…`):
 *
 *        verifyInclusion({
 *          leafHash: leafHash(utf8ToBytes(p.entry)),
 *          index: p.seq,
 *          size: head.checkpoint.size,
 *          proof: p.proof.map(hexToBytes),
 *          root: head.checkpoint.root,
 *        });
 *
 * 4. Check that a newer head extends one you kept (`GET /ledger/proof/consistency?from=…&to=…`):
 *
 *        verifyConsistency({ size1: old.size, size2: head.checkpoint.size,
 *          proof: c.proof.map(hexToBytes), root1: old.root, root2: head.checkpoint.root });
 *
 * The verifiers return `false` (or `{ ok: false, reason }`) on anything wrong or malformed; they
 * never throw.
 */

/** RFC 9162 proofs: `verifyInclusion`, `verifyConsistency`; `leafHash(entry bytes)` is a leaf's hash. */
export {
  EMPTY_ROOT,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyClaim,
  type InclusionClaim,
} from "@baladiya/shared/ledger/index";

/**
 * Signed tree heads and witness co-signatures (C2SP signed-note, tlog-checkpoint, tlog-cosignature):
 * `verifyTreeHead(note, vkey)` checks the log's signature; `verifyCosignature(note, line, witnessVkey)`
 * checks a witness's; `openSignedNote` and `parseCheckpoint` only read (they throw a
 * `LedgerFormatError` on malformed text and check no signature).
 */
export {
  LedgerFormatError,
  openSignedNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyCosignature,
  verifyTreeHead,
  type Checkpoint,
  type CosignatureCheck,
  type NoteSignature,
  type SignedNote,
  type TreeHeadCheck,
  type VerifierKey,
} from "@baladiya/shared/ledger/index";

/** Proof hashes travel as hex, checkpoint roots as base64, entries as UTF-8 text. */
export { base64ToBytes, bytesEqual, bytesToBase64, bytesToHex, hexToBytes, utf8ToBytes } from "@baladiya/shared/ledger/index";

/** What the API answers with. */
export type { ConsistencyProof, InclusionProof, LedgerKey, TreeHead } from "@baladiya/shared/ledger-api";
