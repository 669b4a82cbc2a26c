import type { CallResult } from "@baladiya/shared/kiosk-protocol";
import { and, eq, inArray } from "drizzle-orm";
import { kioskDocuments, kioskResults, kioskVisits } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { DomainError, notFound } from "../errors";
import { loadActiveCallOf, loadKiosk, resultView, writeAudit, type CallRow, type KioskRow, type VisitRow } from "./kiosk-rows";

/** What filing for a visitor starts from: the employee's active call, the identified visitor, the kiosk. */
export async function filingContext(
  ctx: Ctx,
  callId: string,
): Promise<{ call: CallRow; visit: VisitRow; kiosk: KioskRow; citizenId: string }> {
  return ctx.deps.store.read(async (db) => {
    const call = await loadActiveCallOf(ctx, db, callId);
    const [visit] = await db.select().from(kioskVisits).where(eq(kioskVisits.id, call.visitId));
    if (!visit) throw notFound("Visit");
    if (!visit.citizenId) throw new DomainError("CONFLICT", "The visitor is not identified");
    return { call, visit, kiosk: await loadKiosk(db, call.kioskId), citizenId: visit.citizenId };
  });
}

/** The call's files named by the employee, with their bytes; a file of another visit is not found. */
export async function callFiles(ctx: Ctx, visitId: string, ids: readonly string[], field: string) {
  if (ids.length === 0) return [];
  const rows = await ctx.deps.store.read((db) =>
    db
      .select()
      .from(kioskDocuments)
      .where(and(eq(kioskDocuments.visitId, visitId), inArray(kioskDocuments.id, [...ids]))),
  );
  return Promise.all(
    ids.map(async (id, index) => {
      const row = rows.find((r) => r.id === id);
      if (!row)
        throw new DomainError("VALIDATION", "No such document in this call", {
          issues: [{ path: [field, index], message: "Not a document of this call", code: "unknown_document" }],
        });
      const blob = await ctx.deps.blobs.get(row.blobKey);
      if (!blob) throw notFound("Document");
      return { row, bytes: new Uint8Array(await blob.arrayBuffer()) };
    }),
  );
}

/** Links what was filed to the call, in the transaction that files it. */
export async function recordResult(
  ctx: Ctx,
  db: Db,
  call: CallRow,
  result: { id: string; kind: CallResult["kind"]; ref: string; subjectId: string; at: string },
): Promise<void> {
  const staffId = ctx.actor.kind === "staff" ? ctx.actor.staffId : "";
  await db.insert(kioskResults).values({
    id: result.id,
    callId: call.id,
    kind: result.kind,
    ref: result.ref,
    subjectId: result.subjectId,
    createdAt: result.at,
    createdBy: staffId,
  });
  await writeAudit(ctx, db, {
    action: "kiosk.filed",
    subjectType: "kiosk_call",
    subjectId: call.id,
    after: { kind: result.kind, ref: result.ref, visitId: call.visitId },
    at: result.at,
  });
}

/** The kiosk shows what was filed at once, with its receipt. */
export async function announceResult(ctx: Ctx, call: CallRow, resultId: string): Promise<CallResult> {
  const [row] = await ctx.deps.store.read((db) => db.select().from(kioskResults).where(eq(kioskResults.id, resultId)));
  if (!row) throw new DomainError("INTERNAL", "The filing was not linked to the call");
  const view = await resultView(ctx, row);
  ctx.deps.relay.send({ kind: "kiosk", id: call.kioskId }, { type: "result", callId: call.id, result: view });
  return view;
}
