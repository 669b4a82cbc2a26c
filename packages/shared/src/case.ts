import { z } from "zod";
import { CASE_STATUSES } from "./statuses";
import { CivilId } from "./civil-id";
import { GovernorateCode, LatLng } from "./geo";
import { Locale, LocalizedText } from "./i18n";
import { DESCRIPTION_MAX } from "./limits";
import { ServiceCode } from "./service";

export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set([
  "new",
  "acknowledged",
  "assigned",
  "in_progress",
  "action_scheduled",
  "reopened",
]);
export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.has(status);
}

/** Open311's two statuses, derived from ours. */
export function open311Status(status: CaseStatus): "open" | "closed" {
  return isOpenStatus(status) ? "open" : "closed";
}

/** mySociety's extended statuses (FixMyStreet's Open311 extension), derived from ours. */
export const EXTENDED_STATUS: Record<CaseStatus, string> = {
  new: "FOR_TRIAGE",
  acknowledged: "INVESTIGATING",
  assigned: "IN_PROGRESS",
  in_progress: "IN_PROGRESS",
  action_scheduled: "ACTION_SCHEDULED",
  resolved_fixed: "FIXED",
  resolved_not_fixed: "NO_FURTHER_ACTION",
  resolved_not_responsible: "NOT_COUNCILS_RESPONSIBILITY",
  resolved_duplicate: "DUPLICATE",
  closed: "CLOSED",
  reopened: "REOPEN",
};

export const KuwaitPhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^(\+965|00965)?[24569]\d{7}$/, "A Kuwaiti phone number has 8 digits (optionally +965)"));

export const Reporter = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  phone: KuwaitPhone.optional(),
  email: z.email().max(254).optional(),
  civilId: CivilId.optional(),
});
export type Reporter = z.infer<typeof Reporter>;

export const AttributeValues = z.record(z.string().max(64), z.union([z.string().max(500), z.array(z.string().max(500)).max(50)]));

export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces");

export { DESCRIPTION_MAX, PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "./limits";

/** What a resident (or an app acting for one) submits; photos travel beside it as files. */
export const SubmitReportInput = z.object({
  serviceCode: ServiceCode,
  location: LatLng,
  description: z.string().max(DESCRIPTION_MAX).default(""),
  addressString: z.string().trim().max(500).optional(),
  addressId: z.string().trim().max(64).optional(),
  attributes: AttributeValues.default({}),
  reporter: Reporter.default({}),
  mediaUrl: z.url().max(2000).optional(),
  /** "ask": when likely duplicates exist, return them instead of opening a case. */
  duplicatePolicy: z.enum(["ask", "create"]).default("ask"),
  idempotencyKey: IdempotencyKey.optional(),
  locale: Locale.default("ar"),
});
export type SubmitReportInput = z.input<typeof SubmitReportInput>;
export type SubmitReport = z.output<typeof SubmitReportInput>;

export const PublicPhoto = z.object({ url: z.string(), thumbUrl: z.string(), width: z.number(), height: z.number() });
export type PublicPhoto = z.infer<typeof PublicPhoto>;

export const TimelineEntry = z.object({
  id: z.string(),
  kind: z.enum(["created", "assigned", "status", "note", "photo", "supported", "info", "rated"]),
  status: CaseStatus.nullable(),
  text: LocalizedText.nullable(),
  /** Free text as written: a staff update, a resident's added information, a reason. */
  note: z.string().nullable(),
  at: z.string(),
  actor: LocalizedText,
  /** Photos that came with this step (an after-photo, photos the resident added). */
  photos: z.array(PublicPhoto),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Everything the public may see of a case: no names, phones, civil IDs or photo metadata. */
export const PublicCase = z.object({
  trackingNumber: z.string(),
  serviceCode: z.string(),
  serviceName: LocalizedText,
  status: CaseStatus,
  /** How the case was last resolved, kept when it is closed: "closed, not fixed" stays visible. */
  resolution: CaseStatus.nullable(),
  open311Status: z.enum(["open", "closed"]),
  extendedStatus: z.string(),
  description: z.string(),
  location: LatLng,
  addressString: z.string().nullable(),
  area: LocalizedText,
  governorate: z.object({ code: GovernorateCode, name: LocalizedText }),
  department: LocalizedText,
  requestedAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  supportsCount: z.number().int(),
  photos: z.array(PublicPhoto),
  timeline: z.array(TimelineEntry),
});
export type PublicCase = z.infer<typeof PublicCase>;

export const NearbyCase = z.object({
  trackingNumber: z.string(),
  serviceCode: z.string(),
  serviceName: LocalizedText,
  status: CaseStatus,
  description: z.string(),
  location: LatLng,
  distanceMetres: z.number(),
  requestedAt: z.string(),
  supportsCount: z.number().int(),
});
export type NearbyCase = z.infer<typeof NearbyCase>;

export const SubmitReportResult = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("created"),
    caseId: z.string(),
    trackingNumber: z.string(),
    /** Secret follow-up token: shown once to the reporter, stored only as a hash. */
    token: z.string(),
    status: CaseStatus,
    governorate: GovernorateCode,
    area: LocalizedText,
    department: LocalizedText,
    assigned: z.boolean(),
    dueAt: z.string(),
    photos: z.number().int(),
    possibleDuplicates: z.array(NearbyCase),
  }),
  z.object({ outcome: z.literal("possible_duplicates"), possibleDuplicates: z.array(NearbyCase) }),
]);
export type SubmitReportResult = z.infer<typeof SubmitReportResult>;

export const ReporterAction = z.enum(["add_info", "confirm_fixed", "reopen", "rate"]);
export type ReporterAction = z.infer<typeof ReporterAction>;

export const CaseRating = z.object({ score: z.number().int(), comment: z.string().nullable(), at: z.string() });

/** The reporter's own view: the public case, what they gave, and what they may do next. */
export const ReporterCaseView = PublicCase.extend({
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  allowedActions: z.array(ReporterAction),
  /** Until when the reporter may reopen (resolved cases only). */
  reopenUntil: z.string().nullable(),
  rating: CaseRating.nullable(),
});
export type ReporterCaseView = z.infer<typeof ReporterCaseView>;

export const TrackingNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}-\d{4}-\d{6,}$/, "A tracking number looks like HA-2026-000123");

/** The token may be left out by a signed-in resident looking at their own report. */
export const LookupCaseInput = z.object({ trackingNumber: TrackingNumber, token: z.string().min(16).max(128).optional() });
export type LookupCaseInput = z.infer<typeof LookupCaseInput>;

/** A reporter's hold on a case: the secret token, or (when signed in) nothing more than the number. */
const ReporterCaseRef = {
  trackingNumber: TrackingNumber,
  token: z.string().min(16).max(128).optional(),
};

export const NOTE_MAX = 2000;

export const AddCaseInfoInput = z.object({
  ...ReporterCaseRef,
  note: z.string().trim().max(NOTE_MAX).default(""),
  idempotencyKey: IdempotencyKey.optional(),
});
export type AddCaseInfoInput = z.input<typeof AddCaseInfoInput>;

export const ConfirmFixedInput = z.object(ReporterCaseRef);
export type ConfirmFixedInput = z.input<typeof ConfirmFixedInput>;

export const ReopenCaseInput = z.object({ ...ReporterCaseRef, reason: z.string().trim().min(3).max(NOTE_MAX) });
export type ReopenCaseInput = z.input<typeof ReopenCaseInput>;

export const RateCaseInput = z.object({
  ...ReporterCaseRef,
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export type RateCaseInput = z.input<typeof RateCaseInput>;

/** The public list and map: filters on service, status, governorate and date (Kuwait days). */
export const ListCasesInput = z.object({
  serviceCode: ServiceCode.optional(),
  status: z.union([z.enum(["open", "closed"]), CaseStatus]).optional(),
  governorate: GovernorateCode.optional(),
  /** Reported on or after this Kuwait date (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  /** Reported on or before this Kuwait date (YYYY-MM-DD). */
  to: z.iso.date().optional(),
  bbox: z
    .object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() })
    .refine(
      (b) => b.south <= b.north && b.west <= b.east,
      "The box's south-west corner must be below and left of its north-east one",
    )
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListCasesInput = z.input<typeof ListCasesInput>;

/** One line of the public list or one marker on the public map: no personal data. */
export const CaseSummary = z.object({
  trackingNumber: z.string(),
  serviceCode: z.string(),
  serviceName: LocalizedText,
  status: CaseStatus,
  resolution: CaseStatus.nullable(),
  description: z.string(),
  location: LatLng,
  area: LocalizedText,
  governorate: z.object({ code: GovernorateCode, name: LocalizedText }),
  requestedAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  supportsCount: z.number().int(),
  thumbUrl: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseListPage = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable() });
export type CaseListPage = z.infer<typeof CaseListPage>;

export const NearbyInput = z.object({
  location: LatLng,
  radiusMetres: z.number().min(10).max(2000).default(200),
  serviceCode: ServiceCode.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type NearbyInput = z.input<typeof NearbyInput>;

export const SupportCaseInput = z.object({ trackingNumber: TrackingNumber, idempotencyKey: IdempotencyKey.optional() });
export type SupportCaseInput = z.infer<typeof SupportCaseInput>;

export const LocateResult = z.object({
  area: z.object({ id: z.string(), name: LocalizedText }),
  governorate: z.object({ code: GovernorateCode, name: LocalizedText }),
});
export type LocateResult = z.infer<typeof LocateResult>;
