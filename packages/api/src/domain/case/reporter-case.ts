import type { CaseStatus, ReporterCaseView } from "@baladiya/shared/case";
import { reporterActions } from "@baladiya/shared/workflow";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { notFound } from "../errors";
import type { ReferenceSnapshot } from "../reference/reference-cache";
import { findCaseByTrackingNumber, loadPublicCases, type CaseRow } from "./public-view";

/**
 * A case as its reporter holds it: by the secret token, or — signed in — by owning it. Anything
 * else is NOT_FOUND, the same answer as a case that does not exist.
 */
export async function findReporterCase(
  ctx: Ctx,
  db: Db,
  ref: { trackingNumber: string; token?: string | undefined },
): Promise<CaseRow> {
  const row = await findCaseByTrackingNumber(db, ref.trackingNumber);
  if (!row) throw notFound("Case");
  if (ref.token !== undefined) {
    const tokenHash = await ctx.deps.hasher.sha256Hex(ref.token);
    if (constantTimeEqual(row.tokenHash, tokenHash)) return row;
    throw notFound("Case");
  }
  const citizenId = ctx.actor.kind === "citizen" ? ctx.actor.citizenId : undefined;
  if (citizenId && row.citizenId === citizenId) return row;
  throw notFound("Case");
}

export function reopenUntil(ctx: Ctx, row: Pick<CaseRow, "resolvedAt" | "status">): Date | null {
  if (!row.resolvedAt) return null;
  if (row.status !== "closed" && !row.status.startsWith("resolved_")) return null;
  return new Date(Date.parse(row.resolvedAt) + ctx.deps.policy.reopenWindowDays * 86_400_000);
}

export async function reporterView(ctx: Ctx, db: Db, ref: ReferenceSnapshot, row: CaseRow): Promise<ReporterCaseView> {
  const now = ctx.deps.clock.now();
  const [view] = await loadPublicCases(db, ref, [row], now);
  if (!view) throw notFound("Case");
  const until = reopenUntil(ctx, row);
  return {
    ...view,
    reporter: { name: row.reporterName, phone: row.reporterPhone, email: row.reporterEmail },
    allowedActions: reporterActions(row.status as CaseStatus, until, now) as ReporterCaseView["allowedActions"],
    reopenUntil: until ? until.toISOString() : null,
    rating:
      row.ratingScore !== null && row.ratedAt ? { score: row.ratingScore, comment: row.ratingComment, at: row.ratedAt } : null,
  };
}
