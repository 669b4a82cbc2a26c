import type { CallDocument } from "@baladiya/shared/kiosk-protocol";
import { z } from "zod";
import type { Party } from "../../ports/kiosk-relay";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { checkKioskFile, putKioskFile, recordKioskFile, type KioskUpload } from "./kiosk-file";
import { documentView, loadActiveCallOf, loadCall, loadOpenVisit, writeAudit, type CallRow } from "./kiosk-rows";

const FromKiosk = z.object({ visitId: z.string().min(10).max(64), callId: z.string().min(10).max(64) });
const FromStaff = z.object({ callId: z.string().min(10).max(64) });

/**
 * A file passes between the two screens of a call: the kiosk's scan to the employee, or a form or
 * receipt from the employee to the kiosk. It is stored, recorded with its hash, and shown on the
 * other screen at once.
 */
export async function shareCallDocument({
  ctx,
  input,
  file,
}: {
  ctx: Ctx;
  input: unknown;
  file: KioskUpload | undefined;
}): Promise<CallDocument> {
  const fromKiosk = ctx.actor.kind === "kiosk";
  assertCan(ctx.actor, fromKiosk ? "kiosk.visit" : "kiosk.serve");
  const args = fromKiosk ? parseInput(FromKiosk, input) : { visitId: null, ...parseInput(FromStaff, input) };
  const call: CallRow = await ctx.deps.store.read(async (db) => {
    if (!args.visitId) return loadActiveCallOf(ctx, db, args.callId);
    const visit = await loadOpenVisit(ctx, db, args.visitId);
    const row = await loadCall(db, args.callId);
    if (row.visitId !== visit.id) throw new DomainError("FORBIDDEN", "This call belongs to another visit");
    if (!["waiting", "offered", "active"].includes(row.state)) throw new DomainError("CONFLICT", "This call has ended");
    return row;
  });
  const checked = checkKioskFile(ctx, call.visitId, file, "file");
  await putKioskFile(ctx, checked);
  const at = ctx.deps.clock.now().toISOString();
  const document = await ctx.deps.store.write(async (db) => {
    const current = await loadCall(db, call.id);
    if (!["waiting", "offered", "active"].includes(current.state)) throw new DomainError("CONFLICT", "This call has ended");
    const row = await recordKioskFile(db, checked, {
      visitId: call.visitId,
      callId: call.id,
      direction: fromKiosk ? "to_staff" : "to_kiosk",
      idCard: false,
      createdBy: fromKiosk ? `kiosk:${call.kioskId}` : `staff:${ctx.actor.kind === "staff" ? ctx.actor.staffId : ""}`,
      at,
    });
    await writeAudit(ctx, db, {
      action: "kiosk.document",
      subjectType: "kiosk_call",
      subjectId: call.id,
      after: { documentId: row.id, direction: row.direction, sha256: row.sha256, size: row.size, contentType: row.contentType },
      at,
    });
    return documentView(ctx, row);
  });
  const other: Party | null = fromKiosk
    ? call.acceptedBy
      ? { kind: "staff", id: call.acceptedBy }
      : null
    : { kind: "kiosk", id: call.kioskId };
  if (other) ctx.deps.relay.send(other, { type: "document", callId: call.id, document });
  return document;
}
