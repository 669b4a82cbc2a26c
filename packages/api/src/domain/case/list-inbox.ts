import { TrackingNumber } from "@baladiya/shared/case";
import { InboxInput, type InboxPage } from "@baladiya/shared/staff";
import { type SQL, and, asc, count, desc, eq, gt, inArray, isNull, like, lt, or, sql } from "drizzle-orm";
import { cases, staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { loadCaseSummaries } from "./case-summary";
import { staffActor } from "./staff-case-view";

const encode = (key: string, id: string) =>
  btoa(JSON.stringify([key, id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/"))) as unknown;
    if (Array.isArray(v) && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // Falls through.
  }
  throw new DomainError("VALIDATION", "Invalid cursor", {
    issues: [{ path: ["cursor"], message: "Invalid cursor", code: "invalid_cursor" }],
  });
}

/**
 * A staff member's queue: their own cases, their department's or the whole branch's, filtered and
 * sorted by response target (soonest first) or newest, with the open and overdue counts of the scope.
 */
export async function listInbox({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<InboxPage> {
  assertCan(ctx.actor, "case.staff_read");
  const actor = staffActor(ctx);
  const args = parseInput(InboxInput, input);
  const now = ctx.deps.clock.now().toISOString();
  const branch =
    actor.role === "administrator"
      ? args.governorateCode
        ? eq(cases.governorateCode, args.governorateCode)
        : undefined
      : eq(cases.governorateCode, actor.governorateCode);
  const scope =
    args.scope === "mine"
      ? eq(cases.assignedStaffId, actor.staffId)
      : args.scope === "department" && actor.departmentId
        ? and(branch, eq(cases.departmentId, actor.departmentId))
        : branch;
  const status =
    args.status === "open"
      ? eq(cases.isOpen, true)
      : args.status === "overdue"
        ? and(eq(cases.isOpen, true), lt(cases.dueAt, now))
        : args.status === "closed"
          ? eq(cases.isOpen, false)
          : eq(cases.status, args.status);
  const number = args.q ? TrackingNumber.safeParse(args.q) : null;
  const filters = and(
    scope,
    status,
    args.serviceCode ? eq(cases.serviceCode, args.serviceCode) : undefined,
    args.assigneeId ? eq(cases.assignedStaffId, args.assigneeId) : undefined,
    args.unassigned ? isNull(cases.assignedStaffId) : undefined,
    args.departmentId ? eq(cases.departmentId, args.departmentId) : undefined,
    args.q
      ? number?.success
        ? eq(cases.trackingNumber, number.data)
        : like(cases.description, `%${args.q.replace(/[%_]/g, "")}%`)
      : undefined,
  );
  const byDue = args.sort === "due";
  const key = byDue ? cases.dueAt : cases.createdAt;
  let after: SQL | undefined;
  if (args.cursor) {
    const [k, id] = decode(args.cursor);
    after = byDue ? or(gt(key, k), and(eq(key, k), gt(cases.id, id))) : or(lt(key, k), and(eq(key, k), lt(cases.id, id)));
  }
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const [rows, [counts]] = await Promise.all([
      db
        .select()
        .from(cases)
        .where(and(filters, after))
        .orderBy(byDue ? asc(key) : desc(key), byDue ? asc(cases.id) : desc(cases.id))
        .limit(args.limit + 1),
      db
        .select({ open: count(), overdue: sql<number>`coalesce(sum(${cases.dueAt} < ${now}), 0)` })
        .from(cases)
        .where(and(scope, eq(cases.isOpen, true))),
    ]);
    const page = rows.slice(0, args.limit);
    const assigneeIds = [...new Set(page.map((r) => r.assignedStaffId).filter((id): id is string => id !== null))];
    const names = new Map(
      assigneeIds.length === 0
        ? []
        : (
            await db
              .select({ id: staff.id, ar: staff.nameAr, en: staff.nameEn })
              .from(staff)
              .where(inArray(staff.id, assigneeIds))
          ).map((s) => [s.id, { id: s.id, name: { ar: s.ar, en: s.en } }] as const),
    );
    const summaries = await loadCaseSummaries(db, ref, page, ctx.deps.clock.now());
    const last = page[page.length - 1];
    return {
      items: summaries.map((s, i) => {
        const row = page[i];
        return {
          ...s,
          priority: row?.priority ?? "",
          assignee: row?.assignedStaffId ? (names.get(row.assignedStaffId) ?? null) : null,
          escalationLevel: row?.escalationLevel ?? 0,
          department: row ? (ref.departments.get(row.departmentId)?.name ?? { ar: "", en: "" }) : { ar: "", en: "" },
        };
      }),
      nextCursor: rows.length > args.limit && last ? encode(byDue ? last.dueAt : last.createdAt, last.id) : null,
      counts: { open: counts?.open ?? 0, overdue: Number(counts?.overdue ?? 0) },
    };
  });
}
