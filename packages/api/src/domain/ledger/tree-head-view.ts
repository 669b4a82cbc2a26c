import type { Cosignature, TreeHead } from "@baladiya/shared/ledger-api";
import type { ledgerHeads } from "../../db/schema";

export function headView(row: typeof ledgerHeads.$inferSelect, cosignatures: Cosignature[]): TreeHead {
  return {
    size: row.size,
    root: row.root,
    time: new Date(row.time * 1000).toISOString(),
    note: row.note,
    cosignatures,
  };
}
