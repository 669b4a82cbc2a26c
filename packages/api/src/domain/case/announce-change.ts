import type { Ctx } from "../context";
import type { CaseRow } from "./public-view";

/** Tells open screens a case changed; called after the transaction committed, never inside it. */
export function announceChange(
  ctx: Ctx,
  rows: Pick<CaseRow, "trackingNumber" | "governorateCode" | "status" | "updatedAt">[],
): void {
  for (const row of rows) {
    ctx.deps.live.publish({
      trackingNumber: row.trackingNumber,
      governorateCode: row.governorateCode,
      status: row.status,
      updatedAt: row.updatedAt,
    });
  }
}
