import { and, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import { auditLog, cases, fieldTasks, meta, violationEvents, violations } from "../../db/schema";
import type { Db } from "../../ports/store";
import { actorId, type Ctx } from "../context";
import { assertCan } from "../permissions";
import { pickFieldInspector, propertyKey } from "./field-inspector";

async function addTask(
  ctx: Ctx,
  db: Db,
  args: {
    kind: "violation_reinspection" | "random_reinspection";
    caseId: string | null;
    violationId: string | null;
    governorateCode: string;
    at: { lat: number; lng: number };
    exclude: string[];
    fallback: string | null;
  },
): Promise<boolean> {
  const key = propertyKey(args.at);
  const inspector =
    (await pickFieldInspector(ctx, db, { governorateCode: args.governorateCode, propertyKey: key, exclude: args.exclude })) ??
    args.fallback;
  if (!inspector) return false;
  const now = ctx.deps.clock.now();
  await db.insert(fieldTasks).values({
    id: ctx.deps.ids.uuid(),
    kind: args.kind,
    inspectorId: inspector,
    caseId: args.caseId,
    violationId: args.violationId,
    propertyKey: key,
    dueAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    status: "open",
    createdAt: now.toISOString(),
  });
  await db.insert(auditLog).values({
    id: ctx.deps.ids.uuid(),
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    action: `field.${args.kind}`,
    subjectType: args.violationId ? "violation" : "case",
    subjectId: (args.violationId ?? args.caseId)!,
    before: null,
    after: JSON.stringify({ inspectorId: inspector }),
    createdAt: now.toISOString(),
  });
  return true;
}

/**
 * A warned violation whose deadline has passed goes to re-inspection: its state changes and a task
 * appears on an inspector's day — whoever recorded it, unless the rotation rule sends someone else.
 */
export async function sweepViolationDeadlines({ ctx }: { ctx: Ctx }): Promise<number> {
  assertCan(ctx.actor, "field.sweep");
  const at = ctx.deps.clock.now().toISOString();
  const due = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(violations)
      .where(and(eq(violations.state, "warned"), isNotNull(violations.deadline), lte(violations.deadline, at))),
  );
  let n = 0;
  for (const v of due)
    await ctx.deps.store.write(async (db) => {
      const moved = await db
        .update(violations)
        .set({ state: "reinspection", updatedAt: at })
        .where(and(eq(violations.id, v.id), eq(violations.state, "warned")))
        .returning({ id: violations.id });
      if (moved.length === 0) return;
      await db.insert(violationEvents).values({
        id: ctx.deps.ids.uuid(),
        violationId: v.id,
        action: "deadline",
        fromState: "warned",
        toState: "reinspection",
        actorKind: "system",
        actorId: "field",
        note: null,
        createdAt: at,
      });
      await addTask(ctx, db, {
        kind: "violation_reinspection",
        caseId: v.caseId,
        violationId: v.id,
        governorateCode: v.governorateCode,
        at: v,
        exclude: [],
        fallback: v.recordedBy,
      });
      n++;
    });
  return n;
}

/** Uniform in [0, 1) from the platform's secure random source. */
const draw = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

/**
 * Picks a share (policy.reinspectionShare) of the cases resolved and the violations closed since the
 * last sweep, at random, for re-inspection by a different inspector than whoever handled them.
 */
export async function sampleReinspections({ ctx }: { ctx: Ctx }): Promise<{ considered: number; sampled: number }> {
  assertCan(ctx.actor, "field.sweep");
  const clock = ctx.deps.clock.now();
  const now = clock.toISOString();
  const [mark] = await ctx.deps.store.read((db) => db.select().from(meta).where(eq(meta.key, "reinspection_sampled_until")));
  // The first sweep looks back one day, not over the whole history.
  const since = mark?.value ?? new Date(clock.getTime() - 86_400_000).toISOString();
  const share = ctx.deps.policy.reinspectionShare;
  const resolved = await ctx.deps.store.read((db) =>
    db
      .select({ id: cases.id, gov: cases.governorateCode, lat: cases.lat, lng: cases.lng, by: cases.assignedStaffId })
      .from(cases)
      .where(and(isNotNull(cases.resolvedAt), gt(cases.resolvedAt, since), lte(cases.resolvedAt, now))),
  );
  const closed = await ctx.deps.store.read(async (db) =>
    db.all<{ id: string; gov: string; lat: number; lng: number; recordedBy: string; lastActorId: string | null }>(sql`
      select v.id, v.governorate_code as gov, v.lat, v.lng, v.recorded_by as recordedBy, v.last_actor_id as lastActorId from violations v
      where v.state = 'closed' and v.updated_at > ${since} and v.updated_at <= ${now}`),
  );
  let sampled = 0;
  await ctx.deps.store.write(async (db) => {
    for (const c of resolved)
      if (
        draw() < share &&
        (await addTask(ctx, db, {
          kind: "random_reinspection",
          caseId: c.id,
          violationId: null,
          governorateCode: c.gov,
          at: c,
          exclude: c.by ? [c.by] : [],
          fallback: null,
        }))
      )
        sampled++;
    for (const v of closed)
      if (
        draw() < share &&
        (await addTask(ctx, db, {
          kind: "random_reinspection",
          caseId: null,
          violationId: v.id,
          governorateCode: v.gov,
          at: v,
          exclude: [v.recordedBy, ...(v.lastActorId ? [v.lastActorId] : [])],
          fallback: null,
        }))
      )
        sampled++;
    await db
      .insert(meta)
      .values({ key: "reinspection_sampled_until", value: now })
      .onConflictDoUpdate({ target: meta.key, set: { value: now } });
  });
  return { considered: resolved.length + closed.length, sampled };
}
