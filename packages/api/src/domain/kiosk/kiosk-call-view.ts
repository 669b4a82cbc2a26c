import type { KioskCallView } from "@baladiya/shared/kiosk";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { callResults, staffName, visitDocuments, type CallRow } from "./kiosk-rows";
import { queueSnapshot } from "./queue-standing";

/** The call as the kiosk shows it: its place in the queue, the employee once connected, files, results. */
export async function kioskCallView(ctx: Ctx, db: Db, call: CallRow): Promise<KioskCallView> {
  const queued = call.state === "waiting" || call.state === "offered";
  const standing = queued ? (await queueSnapshot(db)).standing(call) : null;
  return {
    callId: call.id,
    state: call.state as KioskCallView["state"],
    service: call.service as KioskService,
    standing,
    employee: call.acceptedBy ? { name: await staffName(db, call.acceptedBy) } : null,
    // The ID card stays between the visitor and the employee: the kiosk lists what was exchanged.
    documents: (await visitDocuments(ctx, db, call.visitId)).filter((d) => !d.idCard),
    results: await callResults(ctx, db, call.id),
    endReason: call.endReason,
    iceServers: ctx.deps.iceServers,
  };
}
