import {
  actionDefinition,
  CertificateDecisionInput,
  PropertyDescription,
  type CertificateAction,
  type CertificateState,
  type StaffApplicationView,
} from "@baladiya/shared/certificate";
import type { StaffRole } from "@baladiya/shared/staff";
import { and, eq } from "drizzle-orm";
import { plots, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findStaffApplication, staffOf, stepsOf, type ApplicationRow } from "./application-rows";
import { pickInspector } from "./assign-inspector";
import { issueCertificate } from "./issue-certificate";
import { separationBar } from "./separation-of-duties";
import { staffApplicationView } from "./application-view";
import { staffSigningKey } from "./staff-signing-key";
import { checkUploads, putUploads, recordUploads, uploadsData, type UploadedFile } from "./store-documents";
import { takeCertificateStep } from "./take-certificate-step";

/** Why this employee may not take `action` now, as a FORBIDDEN error; nothing when they may. */
async function checkActor(ctx: Ctx, db: Db, app: ApplicationRow, action: CertificateAction): Promise<void> {
  const actor = staffOf(ctx);
  const def = actionDefinition(action);
  const state = app.state as CertificateState;
  if (!def.from.includes(state)) return; // Out of turn: the step itself reports it as a CONFLICT.
  if (!(def.byState?.[state] ?? def.by).includes(actor.role as StaffRole))
    throw new DomainError("FORBIDDEN", `Your role may not ${action.replace(/_/g, " ")} an application`);
  if (def.assigneeOnly && app.assignedStaffId !== actor.staffId)
    throw new DomainError("FORBIDDEN", "Only the inspector the application is assigned to may describe it");
  const bar = separationBar(await stepsOf(db, app.id), actor.staffId, state, action);
  if (bar) throw new DomainError("FORBIDDEN", `Separation of duties: ${bar}`);
}

/** An active inspector of the application's branch who may take it over. */
async function checkInspector(ctx: Ctx, db: Db, app: ApplicationRow, assigneeId: string | undefined): Promise<string> {
  const [member] = assigneeId
    ? await db
        .select({ id: staff.id })
        .from(staff)
        .where(
          and(
            eq(staff.id, assigneeId),
            eq(staff.role, "inspector"),
            eq(staff.active, true),
            eq(staff.governorateCode, app.governorateCode),
          ),
        )
    : [];
  const bar = member
    ? separationBar(await stepsOf(db, app.id), member.id, "inspection", "submit_description")
    : "no such inspector";
  if (!member || bar) {
    throw new DomainError(
      "VALIDATION",
      "Choose an inspector of this branch who has not acted on the application in another stage",
      {
        issues: [{ path: ["assigneeId"], message: "Not an eligible inspector", code: "unknown_assignee" }],
      },
    );
  }
  return member.id;
}

/**
 * An employee decides on an application in their stage: the workflow table, their role, the
 * assignment and separation of duties decide whether they may; the decision is signed with their
 * key and recorded with its audit row (a ledger leaf). Registering issues the certificate in the
 * same transaction. A stale or replayed decision is a CONFLICT and changes nothing.
 */
export async function decideCertificate({
  ctx,
  input,
  files = [],
}: {
  ctx: Ctx;
  input: unknown;
  files?: UploadedFile[];
}): Promise<StaffApplicationView> {
  assertCan(ctx.actor, "certificate.decide");
  const actor = staffOf(ctx);
  const args = parseInput(CertificateDecisionInput, input);
  const description = args.action === "submit_description" ? parseInput(PropertyDescription, args.description ?? null) : null;
  const app0 = await ctx.deps.store.read(async (db) => {
    const app = await findStaffApplication(ctx, db, args.number);
    await checkActor(ctx, db, app, args.action);
    return app;
  });
  if (files.length > 0 && args.action !== "submit_description")
    throw new DomainError("VALIDATION", "Only the inspector's description carries photos", {
      issues: [{ path: ["photos"], message: "No photos with this decision", code: "unexpected_file" }],
    });
  const photos = checkUploads(ctx, app0.id, files, { requireAll: false, photos: true });
  await putUploads(ctx, photos);
  const view = await ctx.deps.store.write(async (db) => {
    const app = await findStaffApplication(ctx, db, args.number);
    await checkActor(ctx, db, app, args.action);
    const key = await staffSigningKey(ctx, db, actor.staffId);
    const data: Record<string, unknown> = {};
    let assigneeId: string | null | undefined;
    if (args.action === "accept_documents") {
      const [plot] = await db.select({ areaId: plots.areaId }).from(plots).where(eq(plots.id, app.plotId));
      assigneeId = await pickInspector(ctx, db, app, plot!.areaId);
      data.assignee = assigneeId;
    }
    if (args.action === "reassign") {
      assigneeId = await checkInspector(ctx, db, app, args.assigneeId);
      data.assignee = assigneeId;
    }
    if (description) {
      data.description = description;
      data.photos = uploadsData(photos);
    }
    if (args.action === "return_documents" || args.action === "reject") assigneeId = null;
    const updated = await takeCertificateStep(ctx, db, app, {
      action: args.action,
      by: actor.role as StaffRole,
      actor: { kind: "staff", id: actor.staffId, role: actor.role },
      expectedStep: args.expectedStep,
      reason: args.reason || null,
      data,
      signer: { kind: "key", keyId: key.keyId, secret: key.secret },
      ...(assigneeId !== undefined ? { assigneeId } : {}),
      ...(description ? { set: { description: JSON.stringify(description) } } : {}),
    });
    await recordUploads(db, app.id, updated.stepCount, photos, updated.updatedAt);
    if (updated.state === "issued") await issueCertificate(ctx, db, updated);
    return staffApplicationView(ctx, db, updated);
  });
  return view;
}
