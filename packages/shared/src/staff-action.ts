import { z } from "zod";
import { NOTE_MAX, TrackingNumber } from "./case";
import { STAFF_ACTIONS, type CaseAction } from "./workflow";

export const StaffAction = z.enum(STAFF_ACTIONS as [CaseAction, ...CaseAction[]]);

/** A staff command on a case; after-photos travel beside it as files. */
export const StaffActInput = z.object({
  trackingNumber: TrackingNumber,
  action: StaffAction,
  /** A public update shown on the timeline (the reason, where the action needs one). */
  note: z.string().trim().max(NOTE_MAX).optional(),
  /** For `assign`: who takes the case (default: the one acting). Assigning others is for supervisors. */
  assigneeId: z.string().max(64).optional(),
  /** The case's `updatedAt` the officer saw: a stale edit is a CONFLICT, nothing is overwritten. */
  expectedUpdatedAt: z.string().optional(),
});
export type StaffActInput = z.input<typeof StaffActInput>;
