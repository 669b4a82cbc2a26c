import type { CaseLedger } from "./ledger-api";
import { verifyTreeHead } from "./ledger/checkpoint";
import { bytesToHex, hexToBytes } from "./ledger/encoding";
import { leafHash, verifyInclusion } from "./ledger/merkle";
import { sha256 } from "@noble/hashes/sha2.js";

export type CaseLedgerProblem =
  | { kind: "bad_head"; reason: string }
  | { kind: "not_included"; eventId: string; seq: number }
  | { kind: "changed"; eventId: string; seq: number }
  | { kind: "missing"; eventId: string; seq: number }
  | { kind: "unrecorded"; eventId: string }
  | { kind: "differs_from_page"; eventId: string };

export interface CaseLedgerCheck {
  ok: boolean;
  /** Steps proven in the signed log. */
  proven: number;
  size: number;
  problems: CaseLedgerProblem[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** SHA-256(salt ‖ UTF-8 content), hex: what a leaf's `content` field commits to. */
export function saltedContentHash(saltHex: string, content: string): string {
  const salt = hexToBytes(saltHex);
  const body = utf8(content);
  const message = new Uint8Array(salt.length + body.length);
  message.set(salt);
  message.set(body, salt.length);
  return bytesToHex(sha256(message));
}

/**
 * What a resident's browser checks, with nothing but the log's published key: the tree head is
 * signed by the log; every recorded step of the case is included under it; each public step's
 * content still hashes to what the leaf committed to, and says what the page shows; no recorded
 * step is gone and no shown step is unrecorded.
 */
export function checkCaseLedger(
  data: CaseLedger,
  shown: readonly { id: string; note: string | null; status: string | null }[] = [],
  vkey: string = data.key.vkey,
): CaseLedgerCheck {
  const problems: CaseLedgerProblem[] = [];
  const head = verifyTreeHead(data.head.note, vkey);
  if (!head.ok) problems.push({ kind: "bad_head", reason: head.reason });
  else if (head.checkpoint.size !== data.head.size || bytesToHex(head.checkpoint.root) !== data.head.root)
    problems.push({ kind: "bad_head", reason: "the head's fields differ from its signed note" });
  const root = head.ok ? head.checkpoint.root : new Uint8Array(32);
  const size = head.ok ? head.checkpoint.size : 0;
  const page = new Map(shown.map((s) => [s.id, s]));
  let proven = 0;
  for (const e of data.entries) {
    const leaf = leafHash(utf8(e.entry));
    const included =
      bytesToHex(leaf) === e.leafHash &&
      e.size === size &&
      verifyInclusion({ leafHash: leaf, index: e.seq, size, proof: e.proof.map(hexToBytes), root });
    if (!included) {
      problems.push({ kind: "not_included", eventId: e.eventId, seq: e.seq });
      continue;
    }
    proven += 1;
    if (!e.present) {
      problems.push({ kind: "missing", eventId: e.eventId, seq: e.seq });
      continue;
    }
    if (e.content === null || e.salt === null) continue;
    let committed: unknown;
    try {
      committed = (JSON.parse(e.entry) as { content?: unknown }).content;
    } catch {
      committed = null;
    }
    if (committed !== saltedContentHash(e.salt, e.content)) {
      problems.push({ kind: "changed", eventId: e.eventId, seq: e.seq });
      continue;
    }
    const step = page.get(e.eventId);
    if (step) {
      const content = JSON.parse(e.content) as { note: string | null; status: string | null };
      if (content.note !== step.note || content.status !== step.status)
        problems.push({ kind: "differs_from_page", eventId: e.eventId });
    }
  }
  for (const id of data.unrecorded) problems.push({ kind: "unrecorded", eventId: id });
  return { ok: problems.length === 0, proven, size, problems };
}
