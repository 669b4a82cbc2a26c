import { ListCasesInput, type CaseListPage } from "@baladiya/shared/case";
import { type SQL, and, desc, eq, gte, lt, lte, or } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { loadCaseSummaries } from "./case-summary";

/** Kuwait has no daylight saving: a Kuwait day starts at 21:00 UTC the day before. */
const kuwaitDayStart = (date: string) => new Date(`${date}T00:00:00+03:00`);

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))) as [unknown, unknown];
    if (typeof createdAt === "string" && typeof id === "string") return { createdAt, id };
  } catch {
    // Falls through to the error below.
  }
  throw new DomainError("VALIDATION", "Invalid cursor", {
    issues: [{ path: ["cursor"], message: "Invalid cursor", code: "invalid_cursor" }],
  });
}

const encodeCursor = (createdAt: string, id: string) =>
  btoa(JSON.stringify([createdAt, id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** The public list and map of reports, newest first, filtered; no personal data. */
export async function browseCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CaseListPage> {
  assertCan(ctx.actor, "case.read_public");
  const args = parseInput(ListCasesInput, input);
  if (args.from && args.to && args.from > args.to) {
    throw new DomainError("VALIDATION", "'from' is after 'to'", {
      issues: [{ path: ["to"], message: "'from' is after 'to'", code: "date_order" }],
    });
  }
  const after = args.cursor ? decodeCursor(args.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    args.serviceCode ? eq(cases.serviceCode, args.serviceCode) : undefined,
    args.governorate ? eq(cases.governorateCode, args.governorate) : undefined,
    args.status === "open" || args.status === "closed"
      ? eq(cases.isOpen, args.status === "open")
      : args.status
        ? eq(cases.status, args.status)
        : undefined,
    args.from ? gte(cases.createdAt, kuwaitDayStart(args.from).toISOString()) : undefined,
    args.to ? lt(cases.createdAt, new Date(kuwaitDayStart(args.to).getTime() + 86_400_000).toISOString()) : undefined,
    args.bbox
      ? and(
          gte(cases.lat, args.bbox.south),
          lte(cases.lat, args.bbox.north),
          gte(cases.lng, args.bbox.west),
          lte(cases.lng, args.bbox.east),
        )
      : undefined,
    after
      ? or(lt(cases.createdAt, after.createdAt), and(eq(cases.createdAt, after.createdAt), lt(cases.id, after.id)))
      : undefined,
  ];
  const now = ctx.deps.clock.now();
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const rows = await db
      .select()
      .from(cases)
      .where(and(...conditions))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(args.limit + 1);
    const page = rows.slice(0, args.limit);
    const last = page[page.length - 1];
    return {
      items: await loadCaseSummaries(db, ref, page, now),
      nextCursor: rows.length > args.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  });
}
