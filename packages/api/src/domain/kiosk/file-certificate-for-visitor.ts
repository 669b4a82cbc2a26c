import { FileCertificateInput } from "@baladiya/shared/kiosk";
import type { CallResult } from "@baladiya/shared/kiosk-protocol";
import { applyForCertificate } from "../certificate/apply-for-certificate";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { announceResult, callFiles, filingContext, recordResult } from "./visitor-filing";

/**
 * The employee files a property description certificate application for the visitor, its documents
 * taken from the scans of the call (each given its kind). Same checks as any application: a
 * registered plot, valid Civil IDs, the required documents.
 */
export async function fileCertificateForVisitor({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CallResult> {
  assertCan(ctx.actor, "kiosk.serve");
  const args = parseInput(FileCertificateInput, input);
  const { call, visit, kiosk, citizenId } = await filingContext(ctx, args.callId);
  const files = await callFiles(
    ctx,
    visit.id,
    args.documents.map((d) => d.documentId),
    "documents",
  );
  const resultId = ctx.deps.ids.uuid();
  await applyForCertificate({
    ctx,
    input: args.application,
    files: files.map((f, i) => ({ field: args.documents[i]?.kind ?? "other", name: f.row.name, bytes: f.bytes })),
    filedFor: {
      citizenId,
      phone: visit.phone,
      kioskId: kiosk.id,
      alsoWrite: (db, created) =>
        recordResult(ctx, db, call, {
          id: resultId,
          kind: "certificate",
          ref: created.number,
          subjectId: created.applicationId,
          at: created.at,
        }),
    },
  });
  return announceResult(ctx, call, resultId);
}
