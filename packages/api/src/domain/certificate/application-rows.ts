import { sha256Hex } from "@baladiya/shared/certificate-seal";
import { asc, eq } from "drizzle-orm";
import { certificateApplications, certificateSteps } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { DomainError, notFound } from "../errors";

export type ApplicationRow = typeof certificateApplications.$inferSelect;
export type StepRow = typeof certificateSteps.$inferSelect;

/** Roles that work certificates of every branch: the Survey Department and the Ministry are central. */
export const NATIONWIDE_ROLES: ReadonlySet<string> = new Set(["survey_auditor", "moj_registrar", "administrator"]);

export function staffOf(ctx: Ctx) {
  const actor = ctx.actor;
  if (actor.kind !== "staff") throw new DomainError("UNAUTHENTICATED", "Staff sign-in required");
  return actor;
}

async function byNumber(db: Db, number: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(certificateApplications).where(eq(certificateApplications.number, number));
  return row;
}

/** The application as an employee may see it: their branch, or every branch for central roles; otherwise NOT_FOUND. */
export async function findStaffApplication(ctx: Ctx, db: Db, number: string): Promise<ApplicationRow> {
  const actor = staffOf(ctx);
  const row = await byNumber(db, number);
  if (!row || (!NATIONWIDE_ROLES.has(actor.role) && row.governorateCode !== actor.governorateCode)) throw notFound("Application");
  return row;
}

/** The application for its applicant: with its token, or signed in as the resident who applied. */
export async function findApplicantApplication(
  ctx: Ctx,
  db: Db,
  args: { number: string; token?: string | undefined },
): Promise<ApplicationRow> {
  const row = await byNumber(db, args.number);
  const actor = ctx.actor;
  const owner = row && actor.kind === "citizen" && actor.citizenId !== undefined && row.citizenId === actor.citizenId;
  const tokenOk = row && args.token !== undefined && constantTimeEqual(sha256Hex(args.token), row.tokenHash);
  if (!row || !(owner || tokenOk)) throw notFound("Application");
  return row;
}

export async function stepsOf(db: Db, applicationId: string): Promise<StepRow[]> {
  return db
    .select()
    .from(certificateSteps)
    .where(eq(certificateSteps.applicationId, applicationId))
    .orderBy(asc(certificateSteps.seq));
}
