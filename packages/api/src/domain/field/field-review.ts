import type { EvidenceFlag } from "@baladiya/shared/field";
import { sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { assertCan } from "../permissions";

/**
 * What supervisors review: evidence flagged far from its site, with a disagreeing clock or a poor
 * position, and sync items the server refused — newest first, for their branch.
 */
export async function fieldReview({ ctx }: { ctx: Ctx }) {
  assertCan(ctx.actor, "field.supervise");
  const actor = ctx.actor;
  if (actor.kind !== "staff") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  const all = actor.role === "administrator";
  return ctx.deps.store.read(async (db) => {
    const flagged = await db.all<{
      id: string;
      subjectType: string;
      ref: string | null;
      flags: string;
      distanceM: number | null;
      clockSkewSeconds: number;
      accuracyM: number;
      deviceTime: string;
      receivedAt: string;
      inspectorAr: string;
      inspectorEn: string;
    }>(sql`
      select e.id, e.subject_type as subjectType, coalesce(c.tracking_number, v.number) as ref, e.flags, e.distance_m as distanceM,
        e.clock_skew_seconds as clockSkewSeconds, e.accuracy_m as accuracyM, e.device_time as deviceTime, e.received_at as receivedAt,
        s.name_ar as inspectorAr, s.name_en as inspectorEn
      from field_evidence e join staff s on s.id = e.inspector_id
      left join cases c on e.subject_type = 'case' and c.id = e.subject_id
      left join violations v on e.subject_type = 'violation' and v.id = e.subject_id
      where e.flags != '[]' and (${all ? 1 : 0} = 1 or s.governorate_code = ${actor.governorateCode})
      order by e.received_at desc limit 200`);
    const refused = await db.all<{ after: string; createdAt: string; inspectorAr: string; inspectorEn: string }>(sql`
      select a.after, a.created_at as createdAt, s.name_ar as inspectorAr, s.name_en as inspectorEn
      from audit_log a join staff s on s.id = a.actor_id
      where a.action = 'field.rejected' and (${all ? 1 : 0} = 1 or s.governorate_code = ${actor.governorateCode})
      order by a.created_at desc limit 200`);
    return {
      flagged: flagged.map((f) => ({
        evidenceId: f.id,
        subjectType: f.subjectType,
        ref: f.ref,
        flags: JSON.parse(f.flags) as EvidenceFlag[],
        distanceM: f.distanceM,
        clockSkewSeconds: f.clockSkewSeconds,
        accuracyM: f.accuracyM,
        deviceTime: f.deviceTime,
        receivedAt: f.receivedAt,
        inspector: { ar: f.inspectorAr, en: f.inspectorEn },
      })),
      refused: refused.map((r) => {
        const a = JSON.parse(r.after) as { key: string; kind: string | null; code: string; reason: string; deviceId: string };
        return { ...a, at: r.createdAt, inspector: { ar: r.inspectorAr, en: r.inspectorEn } };
      }),
    };
  });
}
export type FieldReview = Awaited<ReturnType<typeof fieldReview>>;
