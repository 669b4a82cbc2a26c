import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { syncFieldBatch } from "@baladiya/api/domain/field/sync-field-batch";
import type { Ctx } from "@baladiya/api/domain/context";
import { sha256Hex } from "@baladiya/shared/certificate-seal";
import type { SyncItem } from "@baladiya/shared/field";
import { PNG_BYTES } from "./certificates";
import { POINTS } from "./points";
import { staffSession, type TestSystem } from "./system";

let n = 0;
/** A fresh idempotency key, as the phone makes them. */
export const key = (label = "k") => `${label}-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxxxxxxxx`.slice(0, 64);

/** An inspector of Hawalli with a reported case assigned by their supervisor, ready for the field. */
export async function inspectorWithCase(sys: TestSystem, at = POINTS.salmiya) {
  const inspector = await staffSession(sys, { governorateCode: "KW-HA", role: "inspector", departmentKind: "building" });
  const supervisor = await staffSession(sys, { governorateCode: "KW-HA", role: "supervisor" });
  const report = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode: "RUBBLE",
      location: { lat: at.lat, lng: at.lng },
      description: "مخلفات بناء على الرصيف",
      duplicatePolicy: "create",
    },
  });
  if (report.outcome !== "created") throw new Error("not created");
  sys.clock.advance(1000);
  const assigned = await actOnCase({
    ctx: supervisor.ctx,
    input: { trackingNumber: report.trackingNumber, action: "assign", assigneeId: inspector.staffId },
  });
  return {
    inspector,
    supervisor,
    trackingNumber: report.trackingNumber,
    updatedAt: assigned.updatedAt,
    location: { lat: at.lat, lng: at.lng },
  };
}

/** A photo item and its file, taken `offsetM` metres north of a point. */
export function photoItem(
  subject: Extract<SyncItem, { kind: "photo" }>["subject"],
  at: { lat: number; lng: number },
  options: { offsetM?: number; bytes?: Uint8Array; claimed?: string } = {},
) {
  const bytes = options.bytes ?? PNG_BYTES;
  const k = key("photo");
  const item: SyncItem = {
    key: k,
    kind: "photo",
    file: `f-${k}`,
    capture: {
      position: { lat: at.lat + (options.offsetM ?? 5) / 111_320, lng: at.lng },
      accuracyM: 8,
      deviceTime: new Date().toISOString(),
      sha256: options.claimed ?? sha256Hex(bytes),
    },
    subject,
  };
  return { item, file: { field: `f-${k}`, name: "p.png", bytes } };
}

/** Sends a batch as the phone does, with its clock `skewMs` behind the server's. */
export function sync(
  ctx: Ctx,
  sys: TestSystem,
  items: SyncItem[],
  files: { field: string; name: string; bytes: Uint8Array }[] = [],
  skewMs = 0,
  batchId = key("batch"),
) {
  return syncFieldBatch({
    ctx,
    input: {
      deviceId: "device-0123456789abcdef",
      batchId,
      sentAt: new Date(sys.clock.now().getTime() - skewMs).toISOString(),
      items,
    },
    files,
  });
}
