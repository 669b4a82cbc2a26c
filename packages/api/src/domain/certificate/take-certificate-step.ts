import {
  actionDefinition,
  CERTIFICATE_WORKFLOW,
  canTakeCertificateAction,
  stateDefinition,
  type CertificateAction,
  type CertificateActor,
  type CertificateState,
} from "@baladiya/shared/certificate";
import { canonicalJson, sha256Hex, signStep, stepPayloadText, type StepPayload } from "@baladiya/shared/certificate-seal";
import { eq } from "drizzle-orm";
import { auditLog, certificateApplications, certificateJobs, certificateSteps, outbox } from "../../db/schema";
import type { Db } from "../../ports/store";
import { addWorkingHours } from "../calendar/working-calendar";
import { nextStamp } from "../case/apply-transition";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import type { ApplicationRow } from "./application-rows";

/** Who takes a step and how it is signed: with an employee's key, or with a signature made elsewhere (the Ministry's). */
export type StepSigner =
  | { kind: "key"; keyId: string; secret: Uint8Array }
  | { kind: "presigned"; keyId: string; payload: string; signature: string }
  | { kind: "none" };

export interface StepRequest {
  action: CertificateAction;
  by: CertificateActor;
  actor: { kind: "staff" | "citizen" | "system"; id: string | null; role: string };
  /** The number of steps the actor saw: anything else is a stale or replayed decision. */
  expectedStep: number;
  reason: string | null;
  /** What the step decided; its canonical JSON's hash is signed. */
  data: Record<string, unknown>;
  signer: StepSigner;
  /** The employee the application goes to (null: nobody), when the step assigns. */
  assigneeId?: string | null;
  set?: Partial<typeof certificateApplications.$inferInsert>;
}

/** The payload a step would sign now: used to ask the Ministry to sign its decision ahead of the step. */
export function stepPayload(app: ApplicationRow, req: Omit<StepRequest, "signer">, at: string, keyId: string): StepPayload {
  const from = app.state as CertificateState;
  const to = actionDefinition(req.action).to ?? from;
  return {
    v: 1,
    application: app.id,
    number: app.number,
    workflow: `${CERTIFICATE_WORKFLOW.id}@${app.workflowVersion}`,
    seq: app.stepCount + 1,
    action: req.action,
    from,
    to,
    actor: req.actor.id ?? req.actor.kind,
    role: req.actor.role,
    key: keyId,
    at,
    data: sha256Hex(canonicalJson({ reason: req.reason, ...req.data })),
    prev: app.lastStepHash,
  };
}

/**
 * One step of the workflow inside the caller's transaction: checks the table (state, who, what it
 * needs) and the expected step, signs the step's payload (chained to the previous step), moves the
 * application, and writes the step and its audit row — a ledger leaf — together. Jobs the new state
 * needs (the Ministry's forwarder) are queued in the same transaction.
 */
export async function takeCertificateStep(ctx: Ctx, db: Db, app: ApplicationRow, req: StepRequest): Promise<ApplicationRow> {
  const state = app.state as CertificateState;
  const def = actionDefinition(req.action);
  if (!canTakeCertificateAction(req.action, state, req.by)) {
    throw new DomainError(
      "CONFLICT",
      `Cannot ${req.action.replace(/_/g, " ")} an application that is at ${state.replace(/_/g, " ")}`,
      {
        issues: [{ path: ["action"], message: `Not allowed while the application is ${state}`, code: "invalid_state" }],
      },
    );
  }
  if (req.expectedStep !== app.stepCount) {
    throw new DomainError(
      "CONFLICT",
      "The application changed since you opened it (or this decision was already taken); reload",
      {
        issues: [{ path: ["expectedStep"], message: "Stale or replayed", code: "stale" }],
      },
    );
  }
  if (def.needs.includes("reason") && !req.reason) {
    throw new DomainError("VALIDATION", "A reason is required", {
      issues: [{ path: ["reason"], message: "A reason is required", code: "too_small", limit: 1 }],
    });
  }
  const now = ctx.deps.clock.now();
  let payloadText: string;
  let signature: string | null = null;
  let keyId: string | null = null;
  if (req.signer.kind === "presigned") {
    payloadText = req.signer.payload;
    const p = JSON.parse(payloadText) as StepPayload;
    const expected = stepPayloadText(stepPayload(app, req, p.at, req.signer.keyId));
    if (expected !== payloadText)
      throw new DomainError("CONFLICT", "The signed decision does not match the application as it stands");
    signature = req.signer.signature;
    keyId = req.signer.keyId;
  } else {
    keyId = req.signer.kind === "key" ? req.signer.keyId : null;
    payloadText = stepPayloadText(stepPayload(app, req, nextStamp(app.updatedAt, now), keyId ?? ""));
    if (req.signer.kind === "key") signature = signStep(payloadText, req.signer.secret);
  }
  const payload = JSON.parse(payloadText) as StepPayload;
  const at = payload.at;
  const to = payload.to;
  const moved = to !== state;
  const sla = stateDefinition(to).slaHours;
  const ref = moved && sla !== null ? await ctx.deps.reference.get() : null;
  const changes: Partial<typeof certificateApplications.$inferInsert> = {
    state: to,
    stepCount: payload.seq,
    lastStepHash: sha256Hex(payloadText),
    updatedAt: at,
    ...(moved
      ? {
          stateEnteredAt: at,
          escalationLevel: 0,
          dueAt: ref && sla !== null ? addWorkingHours(new Date(at), sla, ref.calendar).toISOString() : null,
        }
      : {}),
    ...(req.assigneeId !== undefined ? { assignedStaffId: req.assigneeId } : {}),
    ...req.set,
  };
  const [updated] = await db
    .update(certificateApplications)
    .set(changes)
    .where(eq(certificateApplications.id, app.id))
    .returning();
  await db.insert(certificateSteps).values({
    id: ctx.deps.ids.uuid(),
    applicationId: app.id,
    seq: payload.seq,
    action: req.action,
    fromState: state,
    toState: to,
    actorKind: req.actor.kind,
    actorId: req.actor.id,
    role: req.actor.role,
    reason: req.reason,
    data: canonicalJson({ reason: req.reason, ...req.data }),
    payload: payloadText,
    keyId,
    signature,
    createdAt: at,
  });
  await db.insert(auditLog).values({
    id: ctx.deps.ids.uuid(),
    actorKind: req.actor.kind,
    actorId: req.actor.id,
    action: `certificate.${req.action}`,
    subjectType: "certificate",
    subjectId: app.id,
    before: JSON.stringify({ state }),
    after: JSON.stringify({ state: to, seq: payload.seq, payloadHash: sha256Hex(payloadText), keyId, signature }),
    createdAt: at,
  });
  if (moved)
    await db.insert(outbox).values({
      id: ctx.deps.ids.uuid(),
      topic: "certificate.updated",
      payload: JSON.stringify({ applicationId: app.id, seq: payload.seq }),
      createdAt: at,
    });
  if (moved && to === "registration" && ctx.deps.moj) {
    await db.insert(certificateJobs).values({
      id: ctx.deps.ids.uuid(),
      kind: "moj_forward",
      applicationId: app.id,
      status: "pending",
      availableAt: now.toISOString(),
      createdAt: at,
    });
  }
  return updated!;
}
