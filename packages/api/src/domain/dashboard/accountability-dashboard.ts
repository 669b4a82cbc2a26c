import type { GovernorateCode } from "@baladiya/shared/geo";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { DashboardInput, type DashboardRow } from "@baladiya/shared/staff";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { cases, staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

const HOUR = 3_600_000;
const DEFAULT_DAYS = 90;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(m * 10) / 10;
}

interface Acc {
  governorateCode: string;
  openLoad: number;
  overdue: number;
  received: number;
  resolved: number;
  ack: number[];
  resolve: number[];
  reopened: number;
  everResolved: number;
  ratingSum: number;
  ratings: number;
}

/**
 * Who answers for what: per branch, department or employee — open load and overdue now, and for
 * the cases received in the period: resolved, median hours to acknowledge and to resolve, reopen
 * rate and residents' ratings. Supervisors and managers see their branch; administrators all.
 */
export async function accountabilityDashboard({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ rows: DashboardRow[]; generatedAt: string; from: string; to: string }> {
  assertCan(ctx.actor, "dashboard.read");
  const args = parseInput(DashboardInput, input);
  const actor = ctx.actor;
  if (actor.kind !== "staff" && actor.kind !== "system") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  const ownBranch = actor.kind === "staff" && actor.role !== "administrator" ? actor.governorateCode : null;
  if (ownBranch && args.governorateCode && args.governorateCode !== ownBranch)
    throw new DomainError("NOT_FOUND", "Branch not found");
  const branch = ownBranch ?? args.governorateCode ?? null;
  const now = ctx.deps.clock.now();
  const to = args.to ? new Date(Date.parse(`${args.to}T00:00:00+03:00`) + 86_400_000) : now;
  const from = args.from ? new Date(`${args.from}T00:00:00+03:00`) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
  const groupColumn =
    args.level === "branch" ? cases.governorateCode : args.level === "department" ? cases.departmentId : cases.assignedStaffId;
  const inBranch = branch ? eq(cases.governorateCode, branch) : undefined;
  const nowIso = now.toISOString();
  const ref = await ctx.deps.reference.get();
  return ctx.deps.store.read(async (db) => {
    const [open, received, people] = await Promise.all([
      db
        .select({
          key: groupColumn,
          gov: cases.governorateCode,
          open: sql<number>`count(*)`,
          overdue: sql<number>`coalesce(sum(${cases.dueAt} < ${nowIso}), 0)`,
        })
        .from(cases)
        .where(and(inBranch, eq(cases.isOpen, true)))
        .groupBy(groupColumn, cases.governorateCode),
      db
        .select({
          key: groupColumn,
          gov: cases.governorateCode,
          createdAt: cases.createdAt,
          acknowledgedAt: cases.acknowledgedAt,
          resolvedAt: cases.resolvedAt,
          reopenCount: cases.reopenCount,
          rating: cases.ratingScore,
        })
        .from(cases)
        .where(and(inBranch, gte(cases.createdAt, from.toISOString()), lt(cases.createdAt, to.toISOString()))),
      args.level === "employee"
        ? db.select({ id: staff.id, ar: staff.nameAr, en: staff.nameEn, gov: staff.governorateCode }).from(staff)
        : Promise.resolve([]),
    ]);
    const acc = new Map<string, Acc>();
    const get = (key: string | null, gov: string) => {
      const k = key ?? "unassigned";
      let a = acc.get(k);
      if (!a) {
        a = {
          governorateCode: gov,
          openLoad: 0,
          overdue: 0,
          received: 0,
          resolved: 0,
          ack: [],
          resolve: [],
          reopened: 0,
          everResolved: 0,
          ratingSum: 0,
          ratings: 0,
        };
        acc.set(k, a);
      }
      return a;
    };
    for (const o of open) {
      const a = get(o.key, o.gov);
      a.openLoad += Number(o.open);
      a.overdue += Number(o.overdue);
    }
    for (const r of received) {
      const a = get(r.key, r.gov);
      const created = Date.parse(r.createdAt);
      a.received++;
      if (r.acknowledgedAt) a.ack.push((Date.parse(r.acknowledgedAt) - created) / HOUR);
      if (r.resolvedAt) {
        a.resolved++;
        a.resolve.push((Date.parse(r.resolvedAt) - created) / HOUR);
      }
      if (r.resolvedAt || r.reopenCount > 0) a.everResolved++;
      if (r.reopenCount > 0) a.reopened++;
      if (r.rating !== null) {
        a.ratingSum += r.rating;
        a.ratings++;
      }
    }
    const names = new Map(people.map((p) => [p.id, { ar: p.ar, en: p.en }]));
    const nameOf = (key: string): LocalizedText => {
      if (args.level === "branch") return ref.governorates.get(key)?.name ?? { ar: key, en: key };
      if (args.level === "department") {
        const d = ref.departments.get(key);
        const g = d ? ref.governorates.get(d.governorateCode) : undefined;
        return d ? { ar: `${d.name.ar} - ${g?.name.ar ?? ""}`, en: `${d.name.en}, ${g?.name.en ?? ""}` } : { ar: key, en: key };
      }
      return key === "unassigned" ? { ar: "غير مُسند", en: "Unassigned" } : (names.get(key) ?? { ar: key, en: key });
    };
    const rows: DashboardRow[] = [...acc.entries()].map(([key, a]) => ({
      id: key,
      name: nameOf(key),
      governorateCode: a.governorateCode as GovernorateCode,
      openLoad: a.openLoad,
      overdue: a.overdue,
      received: a.received,
      resolved: a.resolved,
      medianHoursToAcknowledge: median(a.ack),
      medianHoursToResolve: median(a.resolve),
      reopenRate: a.everResolved > 0 ? Math.round((a.reopened / a.everResolved) * 1000) / 1000 : null,
      averageRating: a.ratings > 0 ? Math.round((a.ratingSum / a.ratings) * 100) / 100 : null,
      ratings: a.ratings,
    }));
    rows.sort((x, y) => y.overdue - x.overdue || y.openLoad - x.openLoad || x.id.localeCompare(y.id));
    return { rows, generatedAt: nowIso, from: from.toISOString(), to: to.toISOString() };
  });
}
