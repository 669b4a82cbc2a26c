import type { CallDocument, CallResult, KioskService } from "@baladiya/shared/kiosk-protocol";
import { and, asc, eq, inArray } from "drizzle-orm";
import { auditLog, kioskAgents, kioskCalls, kioskDocuments, kioskResults, kioskVisits, kiosks, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import { actorId, type Ctx } from "../context";
import { DomainError, notFound } from "../errors";

export type KioskRow = typeof kiosks.$inferSelect;
export type VisitRow = typeof kioskVisits.$inferSelect;
export type CallRow = typeof kioskCalls.$inferSelect;
export type DocumentRow = typeof kioskDocuments.$inferSelect;
export type AgentRow = typeof kioskAgents.$inferSelect;

/** Calls still in the queue or being offered; `active` ones hold an employee. */
export const OPEN_CALL_STATES = ["waiting", "offered", "active"] as const;

export const skillsOf = (agent: Pick<AgentRow, "skills">): KioskService[] => JSON.parse(agent.skills) as KioskService[];
export const skippedOf = (call: Pick<CallRow, "skipped">): string[] => JSON.parse(call.skipped) as string[];

export async function writeAudit(
  ctx: Ctx,
  db: Db,
  row: { action: string; subjectType: string; subjectId: string; before?: unknown; after?: unknown; at: string },
): Promise<void> {
  await db.insert(auditLog).values({
    id: ctx.deps.ids.uuid(),
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    before: row.before === undefined ? null : JSON.stringify(row.before),
    after: row.after === undefined ? null : JSON.stringify(row.after),
    createdAt: row.at,
  });
}

export async function loadKiosk(db: Db, id: string): Promise<KioskRow> {
  const [row] = await db.select().from(kiosks).where(eq(kiosks.id, id));
  if (!row) throw notFound("Kiosk");
  return row;
}

/** The kiosk's own visit, still open; another kiosk's visit is not found. */
export async function loadOpenVisit(ctx: Ctx, db: Db, visitId: string): Promise<VisitRow> {
  if (ctx.actor.kind !== "kiosk") throw new DomainError("FORBIDDEN", "Only a kiosk acts on its visits");
  const [visit] = await db
    .select()
    .from(kioskVisits)
    .where(and(eq(kioskVisits.id, visitId), eq(kioskVisits.kioskId, ctx.actor.kioskId)));
  if (!visit) throw notFound("Visit");
  if (visit.state === "ended")
    throw new DomainError("CONFLICT", "This visit has ended; start again", {
      issues: [{ path: ["visitId"], message: "The visit has ended", code: "visit_ended" }],
    });
  return visit;
}

export function requireVerified(visit: VisitRow): void {
  if (visit.state !== "verified")
    throw new DomainError("UNAUTHENTICATED", "The visitor has not confirmed their phone yet", {
      issues: [{ path: ["visitId"], message: "Not identified", code: "not_identified" }],
    });
}

export async function loadCall(db: Db, callId: string): Promise<CallRow> {
  const [call] = await db.select().from(kioskCalls).where(eq(kioskCalls.id, callId));
  if (!call) throw notFound("Call");
  return call;
}

/** The visit's latest call that has not ended. */
export async function openCallOf(db: Db, visitId: string): Promise<CallRow | null> {
  const rows = await db
    .select()
    .from(kioskCalls)
    .where(and(eq(kioskCalls.visitId, visitId), inArray(kioskCalls.state, [...OPEN_CALL_STATES])))
    .orderBy(asc(kioskCalls.queuedAt));
  return rows.at(-1) ?? null;
}

/** The call an employee holds: accepted by them and still active. */
export async function loadActiveCallOf(ctx: Ctx, db: Db, callId: string): Promise<CallRow> {
  if (ctx.actor.kind !== "staff") throw new DomainError("FORBIDDEN", "Only an employee acts on a call");
  const call = await loadCall(db, callId);
  if (call.acceptedBy !== ctx.actor.staffId) throw new DomainError("FORBIDDEN", "This call is not yours");
  if (call.state !== "active") throw new DomainError("CONFLICT", "This call is no longer active");
  return call;
}

export async function loadAgent(ctx: Ctx, db: Db): Promise<AgentRow> {
  if (ctx.actor.kind !== "staff") throw new DomainError("FORBIDDEN", "Only employees answer kiosk calls");
  const [agent] = await db.select().from(kioskAgents).where(eq(kioskAgents.staffId, ctx.actor.staffId));
  if (!agent || skillsOf(agent).length === 0)
    throw new DomainError("FORBIDDEN", "You are not set up to answer kiosk calls; an administrator gives you kiosk skills");
  return agent;
}

export async function staffName(db: Db, staffId: string): Promise<{ ar: string; en: string }> {
  const [row] = await db.select({ ar: staff.nameAr, en: staff.nameEn }).from(staff).where(eq(staff.id, staffId));
  return row ?? { ar: "موظف", en: "Employee" };
}

/** A file's short-lived link: the token is derived from the server's key for this one file. */
export async function documentView(ctx: Ctx, row: DocumentRow): Promise<CallDocument> {
  const token = await ctx.deps.tokens.tokenFor(`kiosk-doc:${row.id}`);
  return {
    id: row.id,
    direction: row.direction as CallDocument["direction"],
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt,
    url: `/kiosk/files/documents/${row.id}?t=${encodeURIComponent(token)}`,
    idCard: row.idCard,
  };
}

export async function visitDocuments(ctx: Ctx, db: Db, visitId: string): Promise<CallDocument[]> {
  const rows = await db
    .select()
    .from(kioskDocuments)
    .where(eq(kioskDocuments.visitId, visitId))
    .orderBy(asc(kioskDocuments.createdAt), asc(kioskDocuments.id));
  return Promise.all(rows.map((r) => documentView(ctx, r)));
}

export async function resultView(ctx: Ctx, row: typeof kioskResults.$inferSelect): Promise<CallResult> {
  const receiptToken = await ctx.deps.tokens.tokenFor(`kiosk-receipt:${row.id}`);
  const kind = row.kind as CallResult["kind"];
  const trackToken = await ctx.deps.tokens.tokenFor(kind === "case" ? row.subjectId : `certificate:${row.subjectId}`);
  const base = ctx.deps.publicUrl.replace(/\/$/, "");
  const trackUrl =
    kind === "case"
      ? `${base}/track/${row.ref}#t=${encodeURIComponent(trackToken)}`
      : `${base}/certificates/track/${row.ref}?token=${encodeURIComponent(trackToken)}`;
  return {
    kind,
    ref: row.ref,
    receiptUrl: `/kiosk/files/receipts/${row.id}.pdf?t=${encodeURIComponent(receiptToken)}`,
    trackUrl,
  };
}

export async function callResults(ctx: Ctx, db: Db, callId: string): Promise<CallResult[]> {
  const rows = await db.select().from(kioskResults).where(eq(kioskResults.callId, callId)).orderBy(asc(kioskResults.createdAt));
  return Promise.all(rows.map((r) => resultView(ctx, r)));
}

/** Whether an employee holds a call now (offered to them, or in it). */
export async function reservedCall(db: Db, staffId: string): Promise<CallRow | null> {
  const [offered] = await db
    .select()
    .from(kioskCalls)
    .where(and(eq(kioskCalls.offeredTo, staffId), eq(kioskCalls.state, "offered")));
  if (offered) return offered;
  const [active] = await db
    .select()
    .from(kioskCalls)
    .where(and(eq(kioskCalls.acceptedBy, staffId), eq(kioskCalls.state, "active")));
  return active ?? null;
}
