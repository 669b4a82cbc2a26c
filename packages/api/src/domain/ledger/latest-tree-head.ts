import type { TreeHead } from "@baladiya/shared/ledger-api";
import { desc, eq } from "drizzle-orm";
import { ledgerCosignatures, ledgerHeads } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { signTreeHead } from "./sign-tree-head";
import { headView } from "./tree-head-view";
import { ledgerSize } from "./tree-state";

/** Heads are signed on demand at most this often; in between, the latest one is served. */
const ON_DEMAND_EVERY_MS = 1000;

/**
 * The latest signed tree head with its co-signatures. With `covering`, a head that includes leaf
 * `covering` is returned, signed on demand when the latest one is older (at most once a second).
 */
export async function latestTreeHead({ ctx, covering }: { ctx: Ctx; covering?: number }): Promise<TreeHead> {
  assertCan(ctx.actor, "ledger.read");
  const read = async () =>
    ctx.deps.store.read(async (db) => {
      const [row] = await db.select().from(ledgerHeads).orderBy(desc(ledgerHeads.size), desc(ledgerHeads.time)).limit(1);
      const size = await ledgerSize(db);
      const cosignatures = row ? await db.select().from(ledgerCosignatures).where(eq(ledgerCosignatures.headId, row.id)) : [];
      return { row, size, cosignatures };
    });
  let { row, size, cosignatures } = await read();
  // A proof needs a head that covers its leaf; otherwise a grown tree gets a new head once a second.
  const uncovered = covering !== undefined && (!row || row.size <= covering);
  const old = !row || ctx.deps.clock.now().getTime() - row.time * 1000 >= ON_DEMAND_EVERY_MS;
  if (uncovered || (covering === undefined && (!row || (row.size < size && old)))) {
    await signTreeHead({ ctx: { deps: ctx.deps, actor: { kind: "system", name: "ledger-on-demand" } }, ifGrown: true });
    ({ row, size, cosignatures } = await read());
  }
  return headView(
    row!,
    cosignatures.map((c) => ({ witness: c.witness, line: c.line, time: new Date(c.time * 1000).toISOString() })),
  );
}
