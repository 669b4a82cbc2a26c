import { TrackApplicationInput, type ApplicantApplicationView } from "@baladiya/shared/certificate";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findApplicantApplication } from "./application-rows";
import { applicantApplicationView } from "./application-view";

/** The applicant follows their application: every stage, who holds it now, since when and until when. */
export async function trackApplication({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ApplicantApplicationView> {
  assertCan(ctx.actor, "certificate.track");
  const args = parseInput(TrackApplicationInput, input);
  return ctx.deps.store.read(async (db) => applicantApplicationView(ctx, db, await findApplicantApplication(ctx, db, args)));
}
