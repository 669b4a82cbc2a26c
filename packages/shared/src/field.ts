import { z } from "zod";
import { CaseStatus, TrackingNumber } from "./case";
import { CivilId } from "./civil-id";
import { LatLng } from "./geo";
import { LocalizedText } from "./i18n";
import { VIOLATION_TYPE_CODES } from "./violation-catalogue";

/**
 * Field inspection: the inspector's day (assigned cases and scheduled inspections), actions recorded
 * offline and synced exactly once, photo evidence with its capture facts, and violations with their
 * own lifecycle.
 */

// ---------------------------------------------------------------------------------------------
// Violations: a catalogue with legal references, and a lifecycle as data.
// ---------------------------------------------------------------------------------------------

export const ViolationType = z.enum(VIOLATION_TYPE_CODES);
export type ViolationType = z.infer<typeof ViolationType>;

export { VIOLATION_TYPES, type ViolationTypeInfo } from "./violation-catalogue";

export const ViolationState = z.enum([
  "recorded",
  "warned",
  "reinspection",
  "remedied",
  "cited",
  "referred",
  "closed",
  "cancelled",
]);
export type ViolationState = z.infer<typeof ViolationState>;

export const ViolationAction = z.enum(["warn", "remedied", "not_remedied", "cite", "refer", "close", "cancel"]);
export type ViolationAction = z.infer<typeof ViolationAction>;

export interface ViolationActionDefinition {
  from: readonly ViolationState[];
  to: ViolationState;
  needs: readonly ("reason" | "deadline" | "evidence")[];
  /** Closing needs a second person: not whoever recorded the violation or last acted on it. */
  secondPerson?: boolean;
  /** Taken by the system at a deadline, not by a person. */
  system?: boolean;
}

/**
 * recorded → warned (a deadline to remedy) → at the deadline a re-inspection task appears →
 * remedied, or not remedied → cited → referred; closing (a remedied or referred violation) needs a
 * second person; a violation recorded in error is cancelled with a reason.
 */
export const VIOLATION_LIFECYCLE: Record<ViolationAction, ViolationActionDefinition> = {
  warn: { from: ["recorded"], to: "warned", needs: ["deadline"] },
  remedied: { from: ["warned", "reinspection"], to: "remedied", needs: ["evidence"] },
  not_remedied: { from: ["reinspection"], to: "cited", needs: ["evidence"] },
  cite: { from: ["recorded", "warned", "reinspection"], to: "cited", needs: ["reason"] },
  refer: { from: ["cited"], to: "referred", needs: ["reason"] },
  close: { from: ["remedied", "referred"], to: "closed", needs: [], secondPerson: true },
  cancel: { from: ["recorded", "warned"], to: "cancelled", needs: ["reason"], secondPerson: true },
};

export const VIOLATION_STATE_LABELS: Record<ViolationState, LocalizedText> = {
  recorded: { ar: "مسجلة", en: "Recorded" },
  warned: { ar: "إنذار بمهلة للإزالة", en: "Warned, with a deadline" },
  reinspection: { ar: "بانتظار إعادة الكشف", en: "Awaiting re-inspection" },
  remedied: { ar: "أُزيلت المخالفة", en: "Remedied" },
  cited: { ar: "حُرّر محضر مخالفة", en: "Cited" },
  referred: { ar: "أُحيلت إلى الجهات المختصة", en: "Referred" },
  closed: { ar: "مغلقة", en: "Closed" },
  cancelled: { ar: "ملغاة", en: "Cancelled" },
};

export const ViolationNumber = z
  .string()
  .trim()
  .regex(/^VL-[A-Z]{2}-\d{4}-\d{6}$/, "A violation number looks like VL-HA-2026-000123");

/** Who committed it: a person by Civil ID, or a business by its commercial licence number. */
export const Offender = z.union([
  z.object({ kind: z.literal("person"), civilId: CivilId, name: z.string().trim().max(120).optional() }),
  z.object({
    kind: z.literal("business"),
    licenceNumber: z
      .string()
      .trim()
      .regex(/^\d{4,12}(\/\d{4})?$/, "A commercial licence number: 4–12 digits, optionally /year"),
    name: z.string().trim().max(200).optional(),
  }),
]);
export type Offender = z.infer<typeof Offender>;

// ---------------------------------------------------------------------------------------------
// Evidence: a photo with the facts of its capture.
// ---------------------------------------------------------------------------------------------

export const CaptureFacts = z.object({
  position: LatLng,
  /** Metres, as the phone reports it (GeolocationCoordinates.accuracy). */
  accuracyM: z.number().min(0).max(100_000),
  /** The phone's clock at capture (ISO 8601). */
  deviceTime: z.iso.datetime({ offset: true }),
  /** SHA-256 of the photo's bytes at capture, hex: the server recomputes it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CaptureFacts = z.infer<typeof CaptureFacts>;

export const EvidenceFlag = z.enum(["far_from_site", "clock_disagrees", "poor_accuracy"]);
export type EvidenceFlag = z.infer<typeof EvidenceFlag>;

// ---------------------------------------------------------------------------------------------
// Sync: what the phone recorded offline, sent as one batch, applied exactly once per item.
// ---------------------------------------------------------------------------------------------

/** Every item carries the phone's idempotency key: a key seen before answers "duplicate", never applies twice. */
const ItemKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "An idempotency key: 16–64 letters, digits, _ or -");

export const FieldCaseActionKind = z.enum([
  "start",
  "add_note",
  "internal_note",
  "resolve_fixed",
  "resolve_not_fixed",
  "schedule",
]);

export const SyncItem = z.discriminatedUnion("kind", [
  z.object({
    key: ItemKey,
    kind: z.literal("case_action"),
    trackingNumber: TrackingNumber,
    action: FieldCaseActionKind,
    note: z.string().trim().max(2000).optional(),
    /** The case as the inspector last saw it: a newer server change is a conflict, not an overwrite. */
    baseUpdatedAt: z.string(),
    /** Keys of photo items in this or an earlier batch that go with this action. */
    photoKeys: z.array(ItemKey).max(10).default([]),
    /** Sent again after the inspector saw the conflict and chose to apply anyway. */
    force: z.boolean().default(false),
  }),
  z.object({
    key: ItemKey,
    kind: z.literal("photo"),
    /** The multipart file field holding the bytes. */
    file: z.string().max(80),
    capture: CaptureFacts,
    subject: z.union([
      z.object({ case: TrackingNumber }),
      z.object({ violationKey: ItemKey }),
      z.object({ violation: ViolationNumber }),
    ]),
  }),
  z.object({
    key: ItemKey,
    kind: z.literal("violation"),
    type: ViolationType,
    location: LatLng,
    offender: Offender,
    description: z.string().trim().min(1).max(2000),
    /** The complaint that led to it: the violation shows on its timeline. */
    trackingNumber: TrackingNumber.optional(),
    photoKeys: z.array(ItemKey).max(10).default([]),
  }),
  z.object({
    key: ItemKey,
    kind: z.literal("violation_action"),
    /** The violation's number, or the key of a violation recorded in an earlier item not yet numbered. */
    violation: z.union([ViolationNumber, ItemKey]),
    action: ViolationAction,
    note: z.string().trim().max(2000).optional(),
    /** Days to remedy, for a warning (default: the type's remedyDays). */
    deadlineDays: z.number().int().min(1).max(180).optional(),
    baseUpdatedAt: z.string().optional(),
    photoKeys: z.array(ItemKey).max(10).default([]),
    force: z.boolean().default(false),
  }),
]);
export type SyncItem = z.input<typeof SyncItem>;

/** Multipart: JSON field `batch` (this) and one file per photo item, named by its `file`. */
export const SyncBatchInput = z.object({
  /** The phone's installation id (random, kept on the phone). */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  batchId: ItemKey,
  /** The phone's clock when it sent the batch: with the server's, it tells how far off the phone's clock is. */
  sentAt: z.iso.datetime({ offset: true }),
  items: z.array(z.unknown()).min(1).max(100),
});
export type SyncBatchInput = z.input<typeof SyncBatchInput>;

export const SyncResult = z.object({
  key: z.string(),
  status: z.enum(["applied", "duplicate", "conflict", "rejected"]),
  /** Why it was rejected or conflicts, for the inspector. */
  reason: z.string().nullable(),
  code: z.string().nullable(),
  /** What it made: a violation's number, a photo's id. */
  ref: z.string().nullable(),
  /** For a conflict: the case or violation as it stands on the server now. */
  server: z
    .object({
      status: z.string(),
      statusLabel: LocalizedText,
      updatedAt: z.string(),
      lastChange: z
        .object({ text: LocalizedText.nullable(), note: z.string().nullable(), at: z.string(), by: LocalizedText })
        .nullable(),
    })
    .nullable(),
  flags: z.array(EvidenceFlag),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const SyncBatchResult = z.object({ batchId: z.string(), serverTime: z.string(), results: z.array(SyncResult) });
export type SyncBatchResult = z.infer<typeof SyncBatchResult>;

// ---------------------------------------------------------------------------------------------
// The inspector's day.
// ---------------------------------------------------------------------------------------------

export const FieldTaskKind = z.enum(["case", "violation_reinspection", "random_reinspection"]);
export type FieldTaskKind = z.infer<typeof FieldTaskKind>;

export const FieldTask = z.object({
  id: z.string(),
  kind: FieldTaskKind,
  title: LocalizedText,
  location: LatLng,
  areaName: LocalizedText,
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The case the task is about (its details are cached for offline use). */
  case: z
    .object({
      trackingNumber: TrackingNumber,
      status: CaseStatus,
      statusLabel: LocalizedText,
      service: LocalizedText,
      description: z.string(),
      updatedAt: z.string(),
      photos: z.array(z.object({ url: z.string(), thumbUrl: z.string() })),
      actions: z.array(FieldCaseActionKind),
    })
    .nullable(),
  violation: z
    .object({
      number: z.string(),
      type: ViolationType,
      state: ViolationState,
      stateLabel: LocalizedText,
      deadline: z.string().nullable(),
      updatedAt: z.string(),
      actions: z.array(ViolationAction),
    })
    .nullable(),
});
export type FieldTask = z.infer<typeof FieldTask>;

export const FieldDay = z.object({
  tasks: z.array(FieldTask),
  serverTime: z.string(),
  /** Evidence farther than this from its case or violation is flagged to the supervisor. */
  geofenceM: z.number(),
});
export type FieldDay = z.infer<typeof FieldDay>;

export const ViolationView = z.object({
  number: z.string(),
  type: ViolationType,
  typeName: LocalizedText,
  legalReference: LocalizedText,
  state: ViolationState,
  stateLabel: LocalizedText,
  location: LatLng,
  offender: z.object({ kind: z.enum(["person", "business"]), ref: z.string(), name: z.string().nullable() }),
  description: z.string(),
  deadline: z.string().nullable(),
  recordedBy: LocalizedText.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(ViolationAction),
  events: z.array(
    z.object({
      action: z.string(),
      state: ViolationState,
      stateLabel: LocalizedText,
      note: z.string().nullable(),
      at: z.string(),
      by: LocalizedText.nullable(),
    }),
  ),
});
export type ViolationView = z.infer<typeof ViolationView>;

export const FieldReview = z.object({
  flagged: z.array(
    z.object({
      evidenceId: z.string(),
      subjectType: z.string(),
      ref: z.string().nullable(),
      flags: z.array(EvidenceFlag),
      distanceM: z.number().nullable(),
      clockSkewSeconds: z.number(),
      accuracyM: z.number(),
      deviceTime: z.string(),
      receivedAt: z.string(),
      inspector: LocalizedText,
    }),
  ),
  refused: z.array(
    z.object({
      key: z.string(),
      kind: z.string().nullable(),
      code: z.string(),
      reason: z.string(),
      deviceId: z.string(),
      at: z.string(),
      inspector: LocalizedText,
    }),
  ),
});
export type FieldReview = z.infer<typeof FieldReview>;
