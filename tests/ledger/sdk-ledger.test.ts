import * as sdk from "@baladiya/sdk";
import {
  bytesToHex,
  hexToBytes,
  leafHash,
  utf8ToBytes,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
} from "@baladiya/sdk/ledger";
import { generateKeyPair, signCheckpoint, verifierKey } from "@baladiya/shared/ledger/checkpoint";
import { consistencyProof, inclusionProof, rootOf, type SubtreeHash } from "@baladiya/shared/ledger/merkle";
import { describe, expect, it } from "vitest";

describe("the SDK's offline ledger checks", () => {
  // What a server would publish: a key, a signed head, and hex proofs as the API returns them.
  const entries = Array.from({ length: 11 }, (_, i) => JSON.stringify({ seq: i, kind: "case_event" }));
  const leaves = entries.map((e) => leafHash(utf8ToBytes(e)));
  const get: SubtreeHash = (level, index) => rootOf(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
  const key = generateKeyPair();
  const vkey = verifierKey("baladiya.gov.kw/ledger", key.publicKey);
  const note = signCheckpoint({ origin: "baladiya.gov.kw/ledger", size: 11, root: rootOf(leaves), time: 1764300000 }, key);
  const p = { seq: 6, size: 11, entry: entries[6]!, proof: inclusionProof(6, 11, get).map(bytesToHex) };
  const c = { from: 4, to: 11, proof: consistencyProof(4, 11, get).map(bytesToHex) };

  it("follows the documented steps from @baladiya/sdk/ledger", () => {
    const head = verifyTreeHead(note, vkey);
    if (!head.ok) throw new Error(head.reason);
    const claim = {
      leafHash: leafHash(utf8ToBytes(p.entry)),
      index: p.seq,
      size: head.checkpoint.size,
      proof: p.proof.map(hexToBytes),
      root: head.checkpoint.root,
    };
    expect(verifyInclusion(claim)).toBe(true);
    expect(verifyInclusion({ ...claim, leafHash: leafHash(utf8ToBytes(p.entry.replace("6", "7"))) })).toBe(false);
    const old = { size: 4, root: rootOf(leaves.slice(0, 4)) };
    const consistency = {
      size1: old.size,
      size2: head.checkpoint.size,
      proof: c.proof.map(hexToBytes),
      root1: old.root,
      root2: head.checkpoint.root,
    };
    expect(verifyConsistency(consistency)).toBe(true);
    expect(verifyConsistency({ ...consistency, root1: rootOf(leaves.slice(1, 5)) })).toBe(false);
  });

  it("offers the same checks from the package root", () => {
    expect(sdk.verifyTreeHead(note, vkey).ok).toBe(true);
    expect(sdk.verifyTreeHead(note.replace("\n11\n", "\n12\n"), vkey)).toMatchObject({ ok: false });
    expect(sdk.verifyInclusion).toBe(verifyInclusion);
  });
});
