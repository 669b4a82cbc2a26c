import type { PublicCase } from "@baladiya/shared/case";
import { type SQL, and, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";
import { loadPublicCases } from "./public-view";

export const LIST_MAX_DAYS = 90;
export const LIST_MAX_RESULTS = 1000;

export interface ListCasesFilter {
  trackingNumbers?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  /** Open311's two statuses. */
  statuses?: ("open" | "closed")[];
}

/**
 * Open311 `GET requests`: tracking numbers override every other filter; otherwise the window is at
 * most 90 days and the answer at most 1,000 requests, newest first.
 */
export async function listPublicCases({ ctx, input }: { ctx: Ctx; input: ListCasesFilter }): Promise<PublicCase[]> {
  assertCan(ctx.actor, "case.read_public");
  const now = ctx.deps.clock.now();
  const ref = await ctx.deps.reference.get();
  let where: SQL | undefined;
  if (input.trackingNumbers && input.trackingNumbers.length > 0) {
    if (input.trackingNumbers.length > LIST_MAX_RESULTS) throw new DomainError("VALIDATION", `At most ${LIST_MAX_RESULTS} ids`);
    where = inArray(cases.trackingNumber, input.trackingNumbers);
  } else {
    const end = input.end ?? (input.start ? new Date(input.start.getTime() + LIST_MAX_DAYS * 86_400_000) : now);
    const start = input.start ?? new Date(end.getTime() - LIST_MAX_DAYS * 86_400_000);
    if (start > end) throw new DomainError("VALIDATION", "start_date is after end_date");
    if (end.getTime() - start.getTime() > LIST_MAX_DAYS * 86_400_000) {
      throw new DomainError("VALIDATION", `start_date and end_date may be at most ${LIST_MAX_DAYS} days apart`);
    }
    // Asking for both open and closed is the same as not asking.
    const wanted = new Set(input.statuses ?? []);
    where = and(
      gte(cases.createdAt, start.toISOString()),
      lte(cases.createdAt, end.toISOString()),
      input.serviceCodes && input.serviceCodes.length > 0 ? inArray(cases.serviceCode, input.serviceCodes) : undefined,
      wanted.size === 1 ? eq(cases.isOpen, wanted.has("open")) : undefined,
    );
  }
  return ctx.deps.store.read(async (db) => {
    const rows = await db
      .select()
      .from(cases)
      .where(where)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(LIST_MAX_RESULTS);
    return loadPublicCases(db, ref, rows, now);
  });
}
