import { type ConsistencyProof, ConsistencyProofInput } from "@baladiya/shared/ledger-api";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { consistencyHashes } from "./prove";
import { ledgerSize } from "./tree-state";

/** Proof that the tree of `from` leaves is a prefix of the tree of `to` leaves (RFC 9162 §2.1.4). */
export async function proveConsistency({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ConsistencyProof> {
  assertCan(ctx.actor, "ledger.read");
  const { from, to } = parseInput(ConsistencyProofInput, input);
  return ctx.deps.store.read(async (db) => {
    const current = await ledgerSize(db);
    if (to > current)
      throw new DomainError("VALIDATION", `The log holds ${current} leaves, not ${to}`, {
        issues: [{ path: ["to"], message: "Larger than the log", code: "too_big", limit: current }],
      });
    return { from, to, proof: (await consistencyHashes(db, from, to)).map(bytesToHex) };
  });
}
