import { ClaimCasesInput } from "@baladiya/shared/citizen";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { auditLog, cases } from "../../db/schema";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { parseInput } from "../errors";
import { signedInCitizen } from "./signed-in";

/**
 * Reports made on a device before signing in join the account, each proven by its secret token.
 * A report another account already holds stays where it is; wrong tokens are skipped silently.
 */
export async function claimCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ claimed: number }> {
  const citizenId = signedInCitizen(ctx);
  const args = parseInput(ClaimCasesInput, input);
  if (args.cases.length === 0) return { claimed: 0 };
  const hashes = new Map<string, string>();
  for (const c of args.cases) hashes.set(c.trackingNumber, await ctx.deps.hasher.sha256Hex(c.token));
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const rows = await db
      .select({ id: cases.id, trackingNumber: cases.trackingNumber, tokenHash: cases.tokenHash })
      .from(cases)
      .where(and(inArray(cases.trackingNumber, [...hashes.keys()]), isNull(cases.citizenId)));
    let claimed = 0;
    for (const row of rows) {
      const hash = hashes.get(row.trackingNumber);
      if (!hash || !constantTimeEqual(row.tokenHash, hash)) continue;
      await db
        .update(cases)
        .set({ citizenId })
        .where(and(eq(cases.id, row.id), isNull(cases.citizenId)));
      await db.insert(auditLog).values({
        id: ctx.deps.ids.uuid(),
        actorKind: "citizen",
        actorId: citizenId,
        action: "case.claim",
        subjectType: "case",
        subjectId: row.id,
        before: JSON.stringify({ citizenId: null }),
        after: JSON.stringify({ citizenId }),
        createdAt: at,
      });
      claimed++;
    }
    return { claimed };
  });
}
