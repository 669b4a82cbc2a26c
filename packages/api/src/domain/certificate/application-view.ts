import {
  ACTION_LABELS,
  actionDefinition,
  CERTIFICATE_WORKFLOW,
  certificateActionsFor,
  maskCivilId,
  PropertyDescription,
  STATE_LABELS,
  type ApplicantApplicationView,
  type CertificateAction,
  type CertificateDocumentView,
  type CertificatePurpose,
  type CertificateState,
  type CertificateStepView,
  type IssuedCertificateRef,
  type StageProgress,
  type StaffApplicationView,
} from "@baladiya/shared/certificate";
import type { GovernorateCode } from "@baladiya/shared/geo";
import type { StaffRole } from "@baladiya/shared/staff";
import { asc, eq, inArray } from "drizzle-orm";
import { areas, certificateDocuments, certificates, plots, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { staffOf, stepsOf, type ApplicationRow, type StepRow } from "./application-rows";
import { separationBar } from "./separation-of-duties";

const MAIN_LINE: readonly CertificateState[] = ["intake", "inspection", "survey_audit", "registration", "issued"];

/** Each stage of the route with where the application stands: done, current (with its target), upcoming or skipped. */
export function stageProgress(app: ApplicationRow, steps: readonly StepRow[]): StageProgress[] {
  const state = app.state as CertificateState;
  const enteredAt = (s: CertificateState) =>
    s === "intake" ? app.createdAt : ([...steps].reverse().find((x) => x.toState === s)?.createdAt ?? null);
  const item = (s: CertificateState, status: StageProgress["status"]): StageProgress => {
    const def = CERTIFICATE_WORKFLOW.states[s];
    const current = status === "current";
    return {
      state: s,
      label: STATE_LABELS[s],
      department: def.department,
      status,
      enteredAt: current ? app.stateEnteredAt : status === "done" ? enteredAt(s) : null,
      dueAt: current ? app.dueAt : null,
      slaHours: def.slaHours,
    };
  };
  if (state === "rejected") {
    const at = MAIN_LINE.indexOf((steps.at(-1)?.fromState ?? "intake") as CertificateState);
    return [...MAIN_LINE.map((s, i) => item(s, i <= at ? "done" : "skipped")), item("rejected", "done")];
  }
  if (state === "returned_to_applicant")
    return [
      item("intake", "done"),
      item("returned_to_applicant", "current"),
      ...MAIN_LINE.slice(1).map((s) => item(s, "upcoming")),
    ];
  const at = MAIN_LINE.indexOf(state);
  return MAIN_LINE.map((s, i) => item(s, i < at ? "done" : i === at ? (s === "issued" ? "done" : "current") : "upcoming"));
}

async function stepViews(db: Db, steps: readonly StepRow[], withNames: boolean): Promise<CertificateStepView[]> {
  const ids = steps.flatMap((s) => (s.actorKind === "staff" && s.actorId ? [s.actorId] : []));
  const names = new Map(
    withNames && ids.length
      ? (await db.select().from(staff).where(inArray(staff.id, ids))).map((s) => [s.id, { ar: s.nameAr, en: s.nameEn }])
      : [],
  );
  return steps.map((s) => ({
    seq: s.seq,
    action: s.action as CertificateAction,
    from: s.fromState as CertificateState,
    to: s.toState as CertificateState,
    text: ACTION_LABELS[s.action as CertificateAction],
    role: s.role,
    actorName: s.actorId ? (names.get(s.actorId) ?? null) : null,
    reason: s.reason,
    at: s.createdAt,
    keyId: s.keyId,
    signature: s.signature,
    payload: s.payload,
  }));
}

async function documentViews(ctx: Ctx, db: Db, app: ApplicationRow): Promise<CertificateDocumentView[]> {
  const rows = await db
    .select()
    .from(certificateDocuments)
    .where(eq(certificateDocuments.applicationId, app.id))
    .orderBy(asc(certificateDocuments.createdAt));
  return Promise.all(
    rows.map(async (d) => ({
      id: d.id,
      kind: d.kind as CertificateDocumentView["kind"],
      name: d.name,
      mime: d.mime,
      byteSize: d.byteSize,
      sha256: d.sha256,
      url: `/certificates/documents/${d.id}?t=${await ctx.deps.tokens.tokenFor(`certificate-doc:${d.id}`)}`,
    })),
  );
}

async function certificateRef(ctx: Ctx, db: Db, app: ApplicationRow): Promise<IssuedCertificateRef | null> {
  const [c] = await db.select().from(certificates).where(eq(certificates.applicationId, app.id));
  if (!c) return null;
  return {
    number: c.number,
    status: c.status as IssuedCertificateRef["status"],
    contentHash: c.contentHash,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    pdfUrl: c.pdfKey ? `/certificates/pdf/${c.number}?t=${await ctx.deps.tokens.tokenFor(`certificate-pdf:${c.id}`)}` : null,
    verifyUrl: `/verify/${c.number}`,
  };
}

async function core(ctx: Ctx, db: Db, app: ApplicationRow, steps: StepRow[], withNames: boolean) {
  const [plot] = await db.select().from(plots).where(eq(plots.id, app.plotId));
  const [area] = await db.select().from(areas).where(eq(areas.id, plot!.areaId));
  const state = app.state as CertificateState;
  return {
    number: app.number,
    state,
    stateLabel: STATE_LABELS[state],
    department: CERTIFICATE_WORKFLOW.states[state].department,
    property: {
      governorateCode: app.governorateCode as GovernorateCode,
      areaId: plot!.areaId,
      areaName: { ar: area!.nameAr, en: area!.nameEn },
      block: plot!.block,
      plot: plot!.plot,
      planNumber: plot!.planNumber,
      landAreaM2: plot!.landAreaM2,
    },
    purpose: app.purpose as CertificatePurpose,
    createdAt: app.createdAt,
    stateEnteredAt: app.stateEnteredAt,
    dueAt: app.dueAt,
    overdue: app.dueAt !== null && Date.parse(app.dueAt) < ctx.deps.clock.now().getTime(),
    stages: stageProgress(app, steps),
    steps: await stepViews(db, steps, withNames),
    documents: await documentViews(ctx, db, app),
    certificate: await certificateRef(ctx, db, app),
    stepCount: app.stepCount,
  };
}

/** The applicant's view: civil IDs masked, no staff names. */
export async function applicantApplicationView(ctx: Ctx, db: Db, app: ApplicationRow): Promise<ApplicantApplicationView> {
  const steps = await stepsOf(db, app.id);
  const returned =
    app.state === "returned_to_applicant"
      ? ([...steps].reverse().find((s) => s.action === "return_documents")?.reason ?? null)
      : null;
  return {
    ...(await core(ctx, db, app, steps, false)),
    ownerCivilId: maskCivilId(app.ownerCivilId),
    applicantCivilId: maskCivilId(app.applicantCivilId),
    returnReason: returned,
    canResubmit: app.state === "returned_to_applicant",
  };
}

/** The staff view, with what this employee may do now and why a decision is barred to them. */
export async function staffApplicationView(ctx: Ctx, db: Db, app: ApplicationRow): Promise<StaffApplicationView> {
  const actor = staffOf(ctx);
  const steps = await stepsOf(db, app.id);
  const state = app.state as CertificateState;
  let barred: string | null = null;
  const actions = certificateActionsFor(state, actor.role as StaffRole).filter((a) => {
    if (actionDefinition(a).assigneeOnly && app.assignedStaffId !== actor.staffId) return false;
    const bar = separationBar(steps, actor.staffId, state, a);
    if (bar) barred = bar;
    return !bar;
  });
  const [assignee] = app.assignedStaffId ? await db.select().from(staff).where(eq(staff.id, app.assignedStaffId)) : [];
  return {
    ...(await core(ctx, db, app, steps, true)),
    id: app.id,
    governorateCode: app.governorateCode as GovernorateCode,
    ownerCivilId: app.ownerCivilId,
    applicantCivilId: app.applicantCivilId,
    phone: app.phone,
    note: app.note,
    assignee: assignee ? { id: assignee.id, name: { ar: assignee.nameAr, en: assignee.nameEn } } : null,
    description: app.description ? PropertyDescription.parse(JSON.parse(app.description)) : null,
    actions,
    barred,
    escalationLevel: app.escalationLevel,
  };
}
