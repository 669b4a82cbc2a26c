import { eq } from "drizzle-orm";
import { meta } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { sealLedger } from "./seal-ledger";
import { treeHashing } from "./tree-hashing";

const KEY = "ledger_backfill_until";

/**
 * Once, after the migration that brought the ledger: the case events and audit rows written before
 * it become its first leaves. Only rows the migration queued are taken; anything queued since then
 * by another hand stays out, for the audit to report.
 */
export async function recordBackfill({ ctx }: { ctx: Ctx }): Promise<number> {
  assertCan(ctx.actor, "ledger.sign_head");
  return ctx.deps.store.write(async (db) => {
    const [row] = await db.select().from(meta).where(eq(meta.key, KEY));
    if (!row) return 0;
    const sealed = await sealLedger(db, 0, treeHashing(ctx.deps.hasher), Number(row.value));
    await db.delete(meta).where(eq(meta.key, KEY));
    return sealed;
  });
}
