import type { TreeHead } from "@baladiya/shared/ledger-api";
import { formatCheckpoint } from "@baladiya/shared/ledger/checkpoint";
import { bytesToHex } from "@baladiya/shared/ledger/encoding";
import { desc, eq } from "drizzle-orm";
import { ledgerHeads } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { signNote } from "./log-key";
import { headView } from "./tree-head-view";
import { ledgerSize, rootAt } from "./tree-state";

/**
 * Signs the current tree head (size, root, time) with the log's key and keeps it. With `ifGrown`,
 * nothing is signed when the latest head already covers every leaf (the interval timer uses that).
 */
export async function signTreeHead({ ctx, ifGrown = false }: { ctx: Ctx; ifGrown?: boolean }): Promise<TreeHead | null> {
  assertCan(ctx.actor, "ledger.sign_head");
  const { size, root, latest } = await ctx.deps.store.read(async (db) => {
    const size = await ledgerSize(db);
    const [latest] = await db.select().from(ledgerHeads).orderBy(desc(ledgerHeads.size), desc(ledgerHeads.time)).limit(1);
    return { size, root: await rootAt(db, size), latest };
  });
  if (ifGrown && latest && latest.size >= size) return null;
  const time = Math.floor(ctx.deps.clock.now().getTime() / 1000);
  const body = formatCheckpoint({ origin: ctx.deps.ledger.origin, size, root, time });
  const note = await signNote(ctx.deps.ledger, body);
  const id = ctx.deps.ids.uuid();
  await ctx.deps.store.write(async (db) => {
    await db.insert(ledgerHeads).values({ id, size, root: bytesToHex(root), time, note });
  });
  const [row] = await ctx.deps.store.read((db) => db.select().from(ledgerHeads).where(eq(ledgerHeads.id, id)));
  return headView(row!, []);
}
