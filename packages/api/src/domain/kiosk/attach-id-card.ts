import type { VisitView } from "@baladiya/shared/kiosk";
import { z } from "zod";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { checkKioskFile, putKioskFile, recordKioskFile, type KioskUpload } from "./kiosk-file";
import { loadOpenVisit, requireVerified, writeAudit } from "./kiosk-rows";
import { visitView } from "./visit-view";

const Input = z.object({ visitId: z.string().min(10).max(64) });

/** The photo of the visitor's Civil ID card, taken by the kiosk's camera once their phone is confirmed. */
export async function attachIdCard({
  ctx,
  input,
  file,
}: {
  ctx: Ctx;
  input: unknown;
  file: KioskUpload | undefined;
}): Promise<VisitView> {
  assertCan(ctx.actor, "kiosk.visit");
  const { visitId } = parseInput(Input, input);
  const visit = await ctx.deps.store.read((db) => loadOpenVisit(ctx, db, visitId));
  requireVerified(visit);
  const checked = checkKioskFile(ctx, visitId, file, "card");
  if (checked.mime === "application/pdf")
    throw new DomainError("UNSUPPORTED_MEDIA", "The Civil ID card must be a photo (JPEG, PNG or WebP)", {
      issues: [{ path: ["card"], message: "Not a photo", code: "bad_type" }],
    });
  await putKioskFile(ctx, checked);
  const at = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.write(async (db) => {
    const current = await loadOpenVisit(ctx, db, visitId);
    const row = await recordKioskFile(db, checked, {
      visitId,
      callId: null,
      direction: "to_staff",
      idCard: true,
      createdBy: `kiosk:${visit.kioskId}`,
      at,
    });
    await writeAudit(ctx, db, {
      action: "kiosk.id_card",
      subjectType: "kiosk_visit",
      subjectId: visitId,
      after: { documentId: row.id, sha256: row.sha256, size: row.size },
      at,
    });
    return visitView(ctx, db, current);
  });
}
