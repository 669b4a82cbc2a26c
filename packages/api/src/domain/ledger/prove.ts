import { consistencyRanges, inclusionRanges, perfectSubtrees, rangeHash } from "@baladiya/shared/ledger/merkle";
import type { Db } from "../../ports/store";
import { loadNodes } from "./ledger-nodes";

/** The hashes of the given ranges of leaves, from stored perfect subtrees fetched in one go. */
export async function hashesOf(db: Db, ranges: readonly (readonly [number, number])[]): Promise<Uint8Array[]> {
  const get = await loadNodes(
    db,
    ranges.flatMap(([start, end]) => perfectSubtrees(start, end)),
  );
  return ranges.map(([start, end]) => rangeHash(start, end, get));
}

export const inclusionHashes = (db: Db, index: number, size: number) => hashesOf(db, inclusionRanges(index, size));
export const consistencyHashes = (db: Db, size1: number, size2: number) => hashesOf(db, consistencyRanges(size1, size2));
