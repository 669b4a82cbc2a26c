import { RegisterWitnessInput } from "@baladiya/shared/ledger-api";
import { parseVerifierKey } from "@baladiya/shared/ledger/checkpoint";
import { auditLog, ledgerWitnesses } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

/** An administrator names an outside witness and its verifier key; only its co-signatures are kept. */
export async function registerWitness({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ name: string }> {
  assertCan(ctx.actor, "ledger.manage_witnesses");
  const args = parseInput(RegisterWitnessInput, input);
  let parsed: ReturnType<typeof parseVerifierKey>;
  try {
    parsed = parseVerifierKey(args.vkey);
  } catch (error) {
    throw new DomainError("VALIDATION", `Not a verifier key: ${(error as Error).message}`, {
      issues: [{ path: ["vkey"], message: "Not a verifier key", code: "invalid_format" }],
    });
  }
  if (parsed.name !== args.name)
    throw new DomainError("VALIDATION", `The key is named '${parsed.name}', not '${args.name}'`, {
      issues: [{ path: ["vkey"], message: "The key's name differs", code: "invalid_format" }],
    });
  const at = ctx.deps.clock.now().toISOString();
  await ctx.deps.store.write(async (db) => {
    await db
      .insert(ledgerWitnesses)
      .values({ name: args.name, vkey: args.vkey, createdAt: at })
      .onConflictDoUpdate({ target: ledgerWitnesses.name, set: { vkey: args.vkey } });
    await db.insert(auditLog).values({
      id: ctx.deps.ids.uuid(),
      actorKind: ctx.actor.kind,
      actorId: actorId(ctx.actor),
      action: "ledger.witness_registered",
      subjectType: "ledger_witness",
      subjectId: args.name,
      before: null,
      after: JSON.stringify({ vkey: args.vkey }),
      createdAt: at,
    });
  });
  return { name: args.name };
}
