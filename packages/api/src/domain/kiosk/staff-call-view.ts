import type { StaffCallView } from "@baladiya/shared/kiosk";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { asc, eq } from "drizzle-orm";
import { citizens, kioskRecordings, kioskVisits } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { callResults, loadKiosk, visitDocuments, type CallRow } from "./kiosk-rows";

/** The call as the employee works it: who the visitor is (their ID card among the files), what was filed. */
export async function staffCallView(ctx: Ctx, db: Db, call: CallRow): Promise<StaffCallView> {
  const kiosk = await loadKiosk(db, call.kioskId);
  const [visit] = await db.select().from(kioskVisits).where(eq(kioskVisits.id, call.visitId));
  if (!visit) throw notFound("Visit");
  const [citizen] = visit.citizenId ? await db.select().from(citizens).where(eq(citizens.id, visit.citizenId)) : [];
  const recordings = await db
    .select()
    .from(kioskRecordings)
    .where(eq(kioskRecordings.callId, call.id))
    .orderBy(asc(kioskRecordings.createdAt));
  return {
    callId: call.id,
    state: call.state as StaffCallView["state"],
    service: call.service as KioskService,
    queuedAt: call.queuedAt,
    acceptedAt: call.acceptedAt,
    endedAt: call.endedAt,
    kiosk: {
      id: kiosk.id,
      name: { ar: kiosk.nameAr, en: kiosk.nameEn },
      place: { ar: kiosk.placeAr, en: kiosk.placeEn },
      governorateCode: kiosk.governorateCode,
      location: { lat: kiosk.lat, lng: kiosk.lng },
    },
    visitor: {
      civilId: visit.civilId,
      phone: visit.phone,
      name: citizen?.name ?? null,
      citizenId: visit.citizenId,
      locale: visit.locale === "en" ? "en" : "ar",
    },
    recordingConsent: call.recordingConsent,
    recordings: recordings.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, createdAt: r.createdAt })),
    documents: await visitDocuments(ctx, db, call.visitId),
    results: await callResults(ctx, db, call.id),
    iceServers: ctx.deps.iceServers,
  };
}
