import { type InclusionProof, InclusionProofInput } from "@baladiya/shared/ledger-api";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { leafHash } from "@baladiya/shared/ledger/merkle";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { eq } from "drizzle-orm";
import { ledgerEntries } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { latestTreeHead } from "./latest-tree-head";
import { entryText } from "./ledger-entry";
import { inclusionHashes } from "./prove";
import { ledgerSize } from "./tree-state";

/** Proof that leaf `seq` is in the tree of `size` leaves (default: the latest signed head's size). */
export async function proveInclusion({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<InclusionProof> {
  assertCan(ctx.actor, "ledger.read");
  const args = parseInput(InclusionProofInput, input);
  const size = args.size ?? (await latestTreeHead({ ctx, covering: args.seq })).size;
  return ctx.deps.store.read(async (db) => {
    const current = await ledgerSize(db);
    if (args.seq >= size || size > current)
      throw new DomainError("VALIDATION", `No leaf ${args.seq} in a tree of ${size} (the log holds ${current})`, {
        issues: [{ path: ["seq"], message: "Out of range", code: "too_big", limit: Math.min(size, current) - 1 }],
      });
    const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, args.seq));
    if (!row) throw new DomainError("NOT_FOUND", `Leaf ${args.seq} not found`);
    const entry = entryText(row);
    const proof = await inclusionHashes(db, args.seq, size);
    return {
      seq: args.seq,
      size,
      entry,
      leafHash: bytesToHex(leafHash(utf8ToBytes(entry))),
      proof: proof.map(bytesToHex),
    };
  });
}
