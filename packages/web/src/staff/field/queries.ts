import type { ViolationAction } from "@baladiya/shared/field";
import { createApiClient } from "../../trpc-client";
import { staffToken } from "../session";

const trpc = createApiClient(staffToken);

export const getFieldReview = () => trpc.staff.field.review.query();
export const getViolation = (number: string) => trpc.staff.field.violation.query({ number });

export interface ViolationStepInput {
  number: string;
  action: ViolationAction;
  note?: string;
  deadlineDays?: number;
  /** The violation as the supervisor saw it: a newer change is refused, never overwritten. */
  baseUpdatedAt: string;
}
export const actOnViolation = (input: ViolationStepInput) => trpc.staff.field.actOnViolation.mutate({ ...input });

export type FieldReviewResult = Awaited<ReturnType<typeof getFieldReview>>;
export type FlaggedEvidence = FieldReviewResult["flagged"][number];
export type RefusedItem = FieldReviewResult["refused"][number];
export type Violation = Awaited<ReturnType<typeof getViolation>>;
export type ViolationEvent = Violation["events"][number];
