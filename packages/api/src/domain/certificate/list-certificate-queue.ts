import {
  CertificateQueueInput,
  STATE_LABELS,
  type CertificatePurpose,
  type CertificateQueuePage,
  type CertificateState,
} from "@baladiya/shared/certificate";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { NATIONWIDE_ROLES, staffOf } from "./application-rows";

/** The states each role works: its queue when the scope is "role". */
const ROLE_STATES: Record<string, readonly CertificateState[]> = {
  clerk: ["intake"],
  inspector: ["inspection"],
  survey_auditor: ["survey_audit"],
  moj_registrar: ["registration"],
};

/**
 * An employee's certificate queue, most urgent first: "mine" (assigned to me), "role" (the states my
 * role works, in my branch or — central roles — everywhere), "all" (everything I may see).
 */
export async function listCertificateQueue({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CertificateQueuePage> {
  assertCan(ctx.actor, "certificate.staff_read");
  const actor = staffOf(ctx);
  const args = parseInput(CertificateQueueInput, input ?? {});
  const where: SQL[] = [];
  if (!NATIONWIDE_ROLES.has(actor.role)) where.push(sql`a.governorate_code = ${actor.governorateCode}`);
  const roleStates = ROLE_STATES[actor.role];
  if (args.scope === "mine" || (args.scope === "role" && actor.role === "inspector"))
    where.push(sql`a.assigned_staff_id = ${actor.staffId}`);
  if (args.scope === "role" && roleStates)
    where.push(sql`a.state in (select value from json_each(${JSON.stringify(roleStates)}))`);
  if (args.scope === "role" && !roleStates) where.push(sql`a.state not in ('issued', 'rejected')`);
  if (args.state) where.push(sql`a.state = ${args.state}`);
  const now = ctx.deps.clock.now().toISOString();
  if (args.overdue) where.push(sql`a.due_at is not null and a.due_at < ${now}`);
  if (args.search) {
    const q = args.search.toUpperCase();
    where.push(sql`(a.number like ${`%${q}%`} or p.block = ${q} or p.plot = ${q})`);
  }
  const filter = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  return ctx.deps.store.read(async (db) => {
    const rows = await db.all<{
      number: string;
      state: string;
      governorateCode: string;
      areaAr: string;
      areaEn: string;
      block: string;
      plot: string;
      purpose: string;
      assigneeId: string | null;
      assigneeAr: string | null;
      assigneeEn: string | null;
      stateEnteredAt: string;
      dueAt: string | null;
      escalationLevel: number;
    }>(sql`
      select a.number, a.state, a.governorate_code as governorateCode, ar.name_ar as areaAr, ar.name_en as areaEn, p.block, p.plot,
        a.purpose, a.assigned_staff_id as assigneeId, s.name_ar as assigneeAr, s.name_en as assigneeEn,
        a.state_entered_at as stateEnteredAt, a.due_at as dueAt, a.escalation_level as escalationLevel
      from certificate_applications a join plots p on p.id = a.plot_id join areas ar on ar.id = p.area_id
      left join staff s on s.id = a.assigned_staff_id
      ${filter}
      order by (a.due_at is null), a.due_at, a.created_at
      limit ${args.limit + 1} offset ${args.cursor}`);
    const [count] = await db.all<{ n: number }>(sql`
      select count(*) as n from certificate_applications a join plots p on p.id = a.plot_id ${filter}`);
    const items = rows.slice(0, args.limit).map((r) => ({
      number: r.number,
      state: r.state as CertificateState,
      stateLabel: STATE_LABELS[r.state as CertificateState],
      governorateCode: r.governorateCode as GovernorateCode,
      areaName: { ar: r.areaAr, en: r.areaEn },
      block: r.block,
      plot: r.plot,
      purpose: r.purpose as CertificatePurpose,
      assignee: r.assigneeId ? { id: r.assigneeId, name: { ar: r.assigneeAr ?? "", en: r.assigneeEn ?? "" } } : null,
      stateEnteredAt: r.stateEnteredAt,
      dueAt: r.dueAt,
      overdue: r.dueAt !== null && r.dueAt < now,
      escalationLevel: Number(r.escalationLevel),
    }));
    return { items, total: Number(count?.n ?? 0), nextCursor: rows.length > args.limit ? args.cursor + args.limit : null };
  });
}
