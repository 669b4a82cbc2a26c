import { inArray } from "drizzle-orm";
import { ledgerNodes } from "../../db/schema";
import type { Db } from "../../ports/store";

/** Perfect subtrees are stored under one integer key: level · 2^40 + index (2^40 leaves is plenty). */
const LEVEL_SPAN = 2 ** 40;

export const nodeId = (level: number, index: number): number => level * LEVEL_SPAN + index;

/** The stored hashes of the given perfect subtrees; a missing one is an error (the tree is damaged). */
export async function loadNodes(
  db: Db,
  subtrees: readonly { level: number; index: number }[],
): Promise<(level: number, index: number) => Uint8Array> {
  const ids = [...new Set(subtrees.map((s) => nodeId(s.level, s.index)))];
  const found = new Map<number, Uint8Array>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ id: ledgerNodes.id, hash: ledgerNodes.hash })
      .from(ledgerNodes)
      .where(inArray(ledgerNodes.id, ids.slice(i, i + 500)));
    for (const r of rows) found.set(r.id, r.hash);
  }
  return (level, index) => {
    const hash = found.get(nodeId(level, index));
    if (!hash) throw new Error(`The ledger has no node at level ${level}, index ${index}`);
    return hash;
  };
}
