import { CosignInput } from "@baladiya/shared/ledger-api";
import { verifyCosignature } from "@baladiya/shared/ledger/checkpoint";
import { and, desc, eq } from "drizzle-orm";
import { ledgerCosignatures, ledgerHeads, ledgerWitnesses } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, notFound, parseInput } from "../errors";
import { assertCan } from "../permissions";

/**
 * A registered witness hands back its co-signature of a tree head. The signature itself is the
 * witness's credential: it must verify with the key the administrator registered for that name.
 */
export async function addCosignature({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ stored: boolean }> {
  assertCan(ctx.actor, "ledger.cosign");
  const args = parseInput(CosignInput, input);
  return ctx.deps.store.write(async (db) => {
    const [witness] = await db.select().from(ledgerWitnesses).where(eq(ledgerWitnesses.name, args.witness));
    if (!witness) throw notFound("Witness");
    const [head] = await db
      .select()
      .from(ledgerHeads)
      .where(and(eq(ledgerHeads.size, args.size), eq(ledgerHeads.root, args.root)))
      .orderBy(desc(ledgerHeads.time))
      .limit(1);
    if (!head) throw notFound("Tree head");
    const checked = verifyCosignature(head.note, args.line, witness.vkey);
    if (!checked.ok)
      throw new DomainError("VALIDATION", `The co-signature does not verify: ${checked.reason}`, {
        issues: [{ path: ["line"], message: checked.reason, code: "invalid_signature" }],
      });
    const inserted = await db
      .insert(ledgerCosignatures)
      .values({
        headId: head.id,
        witness: witness.name,
        line: args.line,
        time: checked.time,
        createdAt: ctx.deps.clock.now().toISOString(),
      })
      .onConflictDoNothing()
      .returning();
    return { stored: inserted.length > 0 };
  });
}
