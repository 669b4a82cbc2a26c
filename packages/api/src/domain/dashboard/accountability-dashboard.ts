import type { GovernorateCode } from "@baladiya/shared/geo";
import type { LocalizedText } from "@baladiya/shared/i18n";
import { DashboardInput, type DashboardRow } from "@baladiya/shared/staff";
import { sql } from "drizzle-orm";
import { staff } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";

const DEFAULT_DAYS = 90;

/** Hours to one decimal, as the dashboards show them. */
const round1 = (hours: number) => Math.round(hours * 10) / 10;

interface Acc {
  governorateCode: string;
  openLoad: number;
  overdue: number;
  received: number;
  resolved: number;
  ack: number | null;
  resolve: number | null;
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
  // The period ends after the chosen Kuwait day, or just after now (a case reported this instant counts).
  const to = args.to ? new Date(Date.parse(`${args.to}T00:00:00+03:00`) + 86_400_000) : new Date(now.getTime() + 1);
  const from = args.from ? new Date(`${args.from}T00:00:00+03:00`) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
  const nowIso = now.toISOString();
  const ref = await ctx.deps.reference.get();
  // Administrators see every branch: each branch is aggregated on its own stretch of the index.
  const branches = branch ? [branch] : [...ref.governorates.keys()].sort();
  return ctx.deps.store.read(async (db) => {
    const key = sql.raw(
      args.level === "branch" ? "governorate_code" : args.level === "department" ? "department_id" : "assigned_staff_id",
    );
    // Rows are per branch and key: an administrator's "unassigned" is one row per branch.
    const acc = new Map<string, Acc & { key: string }>();
    const get = (k: string | null, gov: string) => {
      const id = `${gov}\u0000${k ?? "unassigned"}`;
      let a = acc.get(id);
      if (!a) {
        a = {
          key: k ?? "unassigned",
          governorateCode: gov,
          openLoad: 0,
          overdue: 0,
          received: 0,
          resolved: 0,
          ack: null,
          resolve: null,
          reopened: 0,
          everResolved: 0,
          ratingSum: 0,
          ratings: 0,
        };
        acc.set(id, a);
      }
      return a;
    };
    for (const gov of branches) {
      const scope = sql`governorate_code = ${gov}`;
      const period = sql`${scope} and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}`;
      // Everything is aggregated inside SQLite: a branch receives tens of thousands of reports a quarter.
      // Medians come from a histogram of the durations — to the minute under 2 hours, to 6 minutes under a
      // day, to the hour under 10 days, to the day beyond — so no query sorts every case of the period.
      const median = (seconds: "ack_seconds" | "resolve_seconds") => {
        const s = sql.raw(seconds);
        return sql`
          with h as (
            select ${key} as k, case when ${s} < 7200 then ${s} / 60 * 60 when ${s} < 86400 then ${s} / 360 * 360
              when ${s} < 864000 then ${s} / 3600 * 3600 else ${s} / 86400 * 86400 end as b, count(*) as n
            from cases where ${period} and ${s} is not null group by 1, 2
          ),
          c as (select k, b, sum(n) over (partition by k order by b) as cum, sum(n) over (partition by k) as total from h)
          select k, (min(case when cum >= (total + 1) / 2 then b end) + min(case when cum >= total / 2 + 1 then b end)) / 7200.0 as m
          from c group by k`;
      };
      const [open, received, ack, resolve] = await Promise.all([
        db.all<{ k: string | null; open: number; overdue: number }>(sql`
          select ${key} as k, count(*) as open, coalesce(sum(due_at < ${nowIso}), 0) as overdue
          from cases where ${scope} and is_open = 1 group by ${key}`),
        db.all<{
          k: string | null;
          received: number;
          resolved: number;
          reopened: number;
          ever: number;
          ratingSum: number | null;
          ratings: number;
        }>(sql`
          select ${key} as k, count(*) as received,
            count(resolve_seconds) as resolved, sum(reopen_count > 0) as reopened,
            sum(resolve_seconds is not null or reopen_count > 0) as ever,
            sum(rating_score) as ratingSum, count(rating_score) as ratings
          from cases where ${period} group by ${key}`),
        db.all<{ k: string | null; m: number }>(median("ack_seconds")),
        db.all<{ k: string | null; m: number }>(median("resolve_seconds")),
      ]);
      for (const o of open) {
        const a = get(o.k, gov);
        a.openLoad = Number(o.open);
        a.overdue = Number(o.overdue);
      }
      for (const r of received) {
        const a = get(r.k, gov);
        a.received = Number(r.received);
        a.resolved = Number(r.resolved);
        a.reopened = Number(r.reopened);
        a.everResolved = Number(r.ever);
        a.ratingSum = Number(r.ratingSum ?? 0);
        a.ratings = Number(r.ratings);
      }
      for (const m of ack) get(m.k, gov).ack = round1(m.m);
      for (const m of resolve) get(m.k, gov).resolve = round1(m.m);
    }
    const people =
      args.level === "employee" ? await db.select({ id: staff.id, ar: staff.nameAr, en: staff.nameEn }).from(staff) : [];
    const names = new Map(people.map((p) => [p.id, { ar: p.ar, en: p.en }]));
    const nameOf = (key: string): LocalizedText => {
      if (args.level === "branch") return ref.governorates.get(key)?.name ?? { ar: key, en: key };
      if (args.level === "department") {
        const d = ref.departments.get(key);
        const g = d ? ref.governorates.get(d.governorateCode) : undefined;
        return d ? { ar: `${d.name.ar} - ${g?.name.ar ?? ""}`, en: `${d.name.en}, ${g?.name.en ?? ""}` } : { ar: key, en: key };
      }
      return names.get(key) ?? { ar: key, en: key };
    };
    const unassigned = (gov: string): LocalizedText => {
      const g = ref.governorates.get(gov)?.name;
      return branch || !g ? { ar: "غير مُسند", en: "Unassigned" } : { ar: `غير مُسند - ${g.ar}`, en: `Unassigned, ${g.en}` };
    };
    const rows: DashboardRow[] = [...acc.values()].map((a) => ({
      id: a.key,
      name: a.key === "unassigned" && args.level === "employee" ? unassigned(a.governorateCode) : nameOf(a.key),
      governorateCode: a.governorateCode as GovernorateCode,
      openLoad: a.openLoad,
      overdue: a.overdue,
      received: a.received,
      resolved: a.resolved,
      medianHoursToAcknowledge: a.ack,
      medianHoursToResolve: a.resolve,
      reopenRate: a.everResolved > 0 ? Math.round((a.reopened / a.everResolved) * 1000) / 1000 : null,
      averageRating: a.ratings > 0 ? Math.round((a.ratingSum / a.ratings) * 100) / 100 : null,
      ratings: a.ratings,
    }));
    rows.sort(
      (x, y) =>
        y.overdue - x.overdue ||
        y.openLoad - x.openLoad ||
        x.id.localeCompare(y.id) ||
        x.governorateCode.localeCompare(y.governorateCode),
    );
    return { rows, generatedAt: nowIso, from: from.toISOString(), to: to.toISOString() };
  });
}
