import { FileComplaintInput } from "@baladiya/shared/kiosk";
import type { CallResult } from "@baladiya/shared/kiosk-protocol";
import { submitReport } from "../case/submit-report";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceResult, callFiles, filingContext, recordResult } from "./visitor-filing";

/**
 * The employee files the visitor's complaint during the call: routed like any report, tied to the
 * resident's account, recorded as the employee acting for them at this kiosk; the visitor's scans
 * chosen by the employee become its photos. The kiosk shows the receipt at once.
 */
export async function fileComplaintForVisitor({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CallResult> {
  assertCan(ctx.actor, "kiosk.serve");
  const args = parseInput(FileComplaintInput, input);
  const { call, visit, kiosk, citizenId } = await filingContext(ctx, args.callId);
  const files = await callFiles(ctx, visit.id, args.documentIds, "documentIds");
  const pdf = files.findIndex((f) => f.row.contentType === "application/pdf");
  if (pdf >= 0)
    throw new DomainError("VALIDATION", "Only photos can be attached to a complaint", {
      issues: [{ path: ["documentIds", pdf], message: "A PDF cannot be a complaint's photo", code: "not_a_photo" }],
    });
  const resultId = ctx.deps.ids.uuid();
  const submitted = await submitReport({
    ctx,
    input: {
      serviceCode: args.serviceCode,
      location: args.location,
      description: args.description,
      ...(args.addressString ? { addressString: args.addressString } : {}),
      ...(args.attributes ? { attributes: args.attributes } : {}),
      reporter: { phone: visit.phone ?? undefined, civilId: visit.civilId ?? undefined },
      locale: visit.locale === "en" ? "en" : "ar",
      duplicatePolicy: "create",
    },
    photos: files.map((f) => ({ bytes: f.bytes, name: f.row.name })),
    filedFor: {
      citizenId,
      kioskId: kiosk.id,
      place: { ar: kiosk.placeAr, en: kiosk.placeEn },
      alsoWrite: (db, created) =>
        recordResult(ctx, db, call, {
          id: resultId,
          kind: "case",
          ref: created.trackingNumber,
          subjectId: created.caseId,
          at: created.at,
        }),
    },
  });
  if (submitted.outcome !== "created") throw new DomainError("INTERNAL", "The complaint was not filed");
  return announceResult(ctx, call, resultId);
}
