import { EMPTY_ROOT, perfectSubtrees, rangeHash } from "@baladiya/shared/ledger/merkle";
import { sql } from "drizzle-orm";
import type { Db } from "../../ports/store";
import { loadNodes } from "./ledger-nodes";

/** How many leaves the log holds. */
export async function ledgerSize(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select coalesce(max(seq) + 1, 0) as n from ledger_entries`);
  return Number(row?.n ?? 0);
}

/** The root of the first `size` leaves, from at most one stored node per level. */
export async function rootAt(db: Db, size: number): Promise<Uint8Array> {
  if (size === 0) return EMPTY_ROOT;
  const get = await loadNodes(db, perfectSubtrees(0, size));
  return rangeHash(0, size, get);
}
