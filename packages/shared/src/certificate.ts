import { z } from "zod";
import { CivilId } from "./civil-id";
import { GovernorateCode } from "./geo";
import { LocalizedText } from "./i18n";
import { StaffRole } from "./staff";

export { ACTION_LABELS, DOCUMENT_LABELS, PURPOSE_LABELS, STATE_LABELS, USE_LABELS, VIOLATION_LABELS } from "./certificate-labels";

/**
 * The property description certificate (شهادة الأوصاف): what an application carries, the workflow
 * it follows (as data, versioned), and the views each kind of user gets.
 */

export const CertificatePurpose = z.enum(["sale", "mortgage", "gift", "inheritance", "other"]);
export type CertificatePurpose = z.infer<typeof CertificatePurpose>;

/** Scanned papers an application carries; the first two are required. */
export const DocumentKind = z.enum(["title_deed", "owner_civil_id", "building_licence", "power_of_attorney", "other"]);
export type DocumentKind = z.infer<typeof DocumentKind>;
export const REQUIRED_DOCUMENTS: readonly DocumentKind[] = ["title_deed", "owner_civil_id"];

/** Accepted scans: PDF, JPEG, PNG or WebP, at most 10 MB each, at most 10 per step. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MAX_COUNT = 10;
export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;

/** A plot as the municipality's register names it: block (قطعة) and plot (قسيمة) in an area. */
export const PropertyRef = z.object({
  governorateCode: GovernorateCode,
  areaId: z.string().trim().min(1).max(80),
  block: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "The block is a number of 1–3 digits"),
  plot: z
    .string()
    .trim()
    .regex(/^\d{1,4}[A-Za-z]?$/, "The plot is a number of 1–4 digits, with an optional letter"),
  planNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z\u0621-\u064A]{0,3}[/-]?\d{1,6}$/, "The plan number looks like م/12345 or 12345"),
});
export type PropertyRef = z.infer<typeof PropertyRef>;

export const ApplicationNumber = z
  .string()
  .trim()
  .regex(/^PD-[A-Z]{2}-\d{4}-\d{6}$/, "An application number looks like PD-HA-2026-000123");
export type ApplicationNumber = z.infer<typeof ApplicationNumber>;

export const CertificateNumber = z
  .string()
  .trim()
  .regex(/^DC-[A-Z]{2}-\d{4}-\d{6}$/, "A certificate number looks like DC-HA-2026-000123");
export type CertificateNumber = z.infer<typeof CertificateNumber>;

/** Sent as the JSON field `application` of a multipart form; each file field is named by its DocumentKind. */
export const ApplyCertificateInput = z.object({
  property: PropertyRef,
  ownerCivilId: CivilId,
  applicantCivilId: CivilId,
  purpose: CertificatePurpose,
  /** For SMS updates; optional when the resident is signed in (their phone is used). */
  phone: z
    .string()
    .trim()
    .regex(/^\+?965\d{8}$|^\d{8}$/, "A Kuwaiti mobile number: 8 digits")
    .optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ApplyCertificateInput = z.input<typeof ApplyCertificateInput>;

export const ApplyCertificateResult = z.object({
  number: ApplicationNumber,
  /** Shown once: with the number it opens the tracking page without signing in. */
  token: z.string(),
});
export type ApplyCertificateResult = z.infer<typeof ApplyCertificateResult>;

// ---------------------------------------------------------------------------------------------
// The workflow, as data (in the spirit of eGov DIGIT's workflow service).
// ---------------------------------------------------------------------------------------------

export const CertificateState = z.enum([
  "intake",
  "returned_to_applicant",
  "inspection",
  "survey_audit",
  "registration",
  "issued",
  "rejected",
]);
export type CertificateState = z.infer<typeof CertificateState>;

/** Who works a state: a department, the roles that act in it and its target in working hours. */
export interface StateDefinition {
  /** The stage an employee acts in; one person acts in one stage of an application only. */
  stage: "branch" | "inspection" | "survey" | "registration" | null;
  department: LocalizedText;
  /** Hours of working days (Sunday–Thursday, not holidays) allowed in this state; null: no target. */
  slaHours: number | null;
  final: boolean;
}

export const CertificateAction = z.enum([
  "accept_documents",
  "return_documents",
  "resubmit",
  "submit_description",
  "approve_survey",
  "return_to_inspector",
  "register",
  "reject",
  "reassign",
]);
export type CertificateAction = z.infer<typeof CertificateAction>;

export interface ActionDefinition {
  from: readonly CertificateState[];
  /** null: the state does not change (reassigning). */
  to: CertificateState | null;
  /** Staff roles allowed; "applicant" is the resident who applied; "moj_integration" the Ministry's system. */
  by: readonly (StaffRole | "applicant" | "moj_integration")[];
  needs: readonly ("reason" | "description" | "documents" | "assignee")[];
  /** Narrower `by` in some states: each stage's own people reject in it. */
  byState?: Partial<Record<CertificateState, readonly (StaffRole | "applicant" | "moj_integration")[]>>;
  /** Only the employee the application is assigned to may take it. */
  assigneeOnly?: boolean;
  /** Outside the stage rule: supervisors route work without acting on the substance. */
  routing?: boolean;
}

export const CERTIFICATE_WORKFLOW = {
  id: "property-description-certificate",
  version: 1,
  states: {
    intake: {
      stage: "branch",
      department: { ar: "خدمة العملاء في الفرع", en: "Branch customer service" },
      slaHours: 24,
      final: false,
    },
    returned_to_applicant: {
      stage: null,
      department: { ar: "لدى مقدّم الطلب", en: "With the applicant" },
      slaHours: null,
      final: false,
    },
    inspection: {
      stage: "inspection",
      department: { ar: "المراقبون — الرقابة الهندسية", en: "Inspectors — building control" },
      slaHours: 72,
      final: false,
    },
    survey_audit: {
      stage: "survey",
      department: { ar: "إدارة المساحة", en: "Survey Department" },
      slaHours: 48,
      final: false,
    },
    registration: {
      stage: "registration",
      department: {
        ar: "إدارة التسجيل العقاري والتوثيق — وزارة العدل",
        en: "Real Estate Registration and Authentication — Ministry of Justice",
      },
      slaHours: 48,
      final: false,
    },
    issued: { stage: null, department: { ar: "صدرت الشهادة", en: "Certificate issued" }, slaHours: null, final: true },
    rejected: { stage: null, department: { ar: "رُفض الطلب", en: "Application rejected" }, slaHours: null, final: true },
  } satisfies Record<CertificateState, StateDefinition>,
  actions: {
    accept_documents: { from: ["intake"], to: "inspection", by: ["clerk"], needs: [] },
    return_documents: { from: ["intake"], to: "returned_to_applicant", by: ["clerk"], needs: ["reason"] },
    resubmit: { from: ["returned_to_applicant"], to: "intake", by: ["applicant"], needs: ["documents"] },
    submit_description: {
      from: ["inspection"],
      to: "survey_audit",
      by: ["inspector"],
      needs: ["description"],
      assigneeOnly: true,
    },
    approve_survey: { from: ["survey_audit"], to: "registration", by: ["survey_auditor"], needs: [] },
    return_to_inspector: { from: ["survey_audit"], to: "inspection", by: ["survey_auditor"], needs: ["reason"] },
    register: { from: ["registration"], to: "issued", by: ["moj_registrar", "moj_integration"], needs: [] },
    reject: {
      from: ["intake", "survey_audit", "registration"],
      to: "rejected",
      by: ["clerk", "survey_auditor", "moj_registrar", "moj_integration"],
      byState: { intake: ["clerk"], survey_audit: ["survey_auditor"], registration: ["moj_registrar", "moj_integration"] },
      needs: ["reason"],
    },
    reassign: {
      from: ["inspection"],
      to: null,
      by: ["supervisor", "branch_manager"],
      needs: ["assignee", "reason"],
      routing: true,
    },
  } satisfies Record<CertificateAction, ActionDefinition>,
} as const;

export type CertificateActor = StaffRole | "applicant" | "moj_integration";

export function actionDefinition(action: CertificateAction): ActionDefinition {
  return CERTIFICATE_WORKFLOW.actions[action];
}

export function stateDefinition(state: CertificateState): StateDefinition {
  return CERTIFICATE_WORKFLOW.states[state];
}

/** Whether `by` may take `action` while the application is in `state` (the table alone). */
export function canTakeCertificateAction(action: CertificateAction, state: CertificateState, by: CertificateActor): boolean {
  const a = actionDefinition(action);
  return a.from.includes(state) && (a.byState?.[state] ?? a.by).includes(by);
}

/** The actions a role may take in a state, in the table's order. */
export function certificateActionsFor(state: CertificateState, by: CertificateActor): CertificateAction[] {
  return CertificateAction.options.filter((a) => canTakeCertificateAction(a, state, by));
}

// ---------------------------------------------------------------------------------------------
// The inspector's description.
// ---------------------------------------------------------------------------------------------

export const PropertyUse = z.enum([
  "private_residential",
  "investment_residential",
  "commercial",
  "industrial",
  "agricultural",
  "vacant",
]);
export type PropertyUse = z.infer<typeof PropertyUse>;

export const ViolationFinding = z.object({
  code: z.enum(["extra_floor", "setback", "use_change", "unlicensed_extension", "basement", "annex", "other"]),
  note: z.string().trim().min(1).max(500),
});
export type ViolationFinding = z.infer<typeof ViolationFinding>;

export const PropertyDescription = z
  .object({
    landAreaM2: z.number().positive().max(1_000_000),
    builtAreaM2: z.number().min(0).max(5_000_000),
    floors: z.number().int().min(0).max(80),
    units: z.number().int().min(0).max(2000),
    use: PropertyUse,
    /** Whether what stands matches the building licence. */
    matchesLicence: z.boolean(),
    licenceNote: z.string().trim().max(1000).default(""),
    violations: z.array(ViolationFinding).max(20).default([]),
  })
  .refine((d) => d.matchesLicence || d.licenceNote.length > 0 || d.violations.length > 0, {
    message: "Say how the property differs from its licence",
    path: ["licenceNote"],
  });
export type PropertyDescription = z.infer<typeof PropertyDescription>;

/**
 * A staff decision: multipart form with the JSON field `decision` (this object) and, for the
 * inspector, photo files named `photo`. `expectedStep` is the number of steps the actor saw: a
 * replayed or stale decision is refused as a CONFLICT and changes nothing.
 */
export const CertificateDecisionInput = z.object({
  number: ApplicationNumber,
  action: CertificateAction,
  expectedStep: z.number().int().min(0),
  reason: z.string().trim().max(1000).optional(),
  description: z.unknown().optional(),
  assigneeId: z.string().max(80).optional(),
});
export type CertificateDecisionInput = z.input<typeof CertificateDecisionInput>;

/** The applicant resubmits documents after a return: multipart with JSON field `resubmission`. */
export const ResubmitInput = z.object({
  number: ApplicationNumber,
  token: z.string().min(16).max(200).optional(),
  expectedStep: z.number().int().min(0),
  note: z.string().trim().max(1000).optional(),
});
export type ResubmitInput = z.input<typeof ResubmitInput>;

export const TrackApplicationInput = z.object({ number: ApplicationNumber, token: z.string().min(16).max(200).optional() });
export type TrackApplicationInput = z.input<typeof TrackApplicationInput>;

// ---------------------------------------------------------------------------------------------
// Views.
// ---------------------------------------------------------------------------------------------

export const CertificateDocumentView = z.object({
  id: z.string(),
  kind: z.union([DocumentKind, z.literal("violation_photo")]),
  name: z.string(),
  mime: z.string(),
  byteSize: z.number(),
  sha256: z.string(),
  /** Signed-in staff and the applicant open it here. */
  url: z.string(),
});
export type CertificateDocumentView = z.infer<typeof CertificateDocumentView>;

export const CertificateStepView = z.object({
  seq: z.number(),
  action: CertificateAction,
  from: CertificateState,
  to: CertificateState,
  text: LocalizedText,
  /** The role that acted (or applicant / moj_integration); names are for staff views only. */
  role: z.string(),
  actorName: LocalizedText.nullable(),
  reason: z.string().nullable(),
  at: z.string(),
  /** Ed25519 over `payload` by the key `keyId` (hex); null for the applicant's own steps. */
  keyId: z.string().nullable(),
  signature: z.string().nullable(),
  payload: z.string(),
});
export type CertificateStepView = z.infer<typeof CertificateStepView>;

export const StageProgress = z.object({
  state: CertificateState,
  label: LocalizedText,
  department: LocalizedText,
  status: z.enum(["done", "current", "upcoming", "skipped"]),
  enteredAt: z.string().nullable(),
  /** When the current stage is due (working hours, Kuwait calendar). */
  dueAt: z.string().nullable(),
  slaHours: z.number().nullable(),
});
export type StageProgress = z.infer<typeof StageProgress>;

export const CertificateStatus = z.enum(["valid", "revoked", "superseded"]);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const IssuedCertificateRef = z.object({
  number: CertificateNumber,
  status: CertificateStatus,
  contentHash: z.string(),
  issuedAt: z.string(),
  validUntil: z.string(),
  /** The PDF, once rendered (null for the few seconds before). */
  pdfUrl: z.string().nullable(),
  verifyUrl: z.string(),
});
export type IssuedCertificateRef = z.infer<typeof IssuedCertificateRef>;

const ApplicationCore = {
  number: ApplicationNumber,
  state: CertificateState,
  stateLabel: LocalizedText,
  department: LocalizedText,
  property: PropertyRef.extend({ areaName: LocalizedText, landAreaM2: z.number().nullable() }),
  purpose: CertificatePurpose,
  createdAt: z.string(),
  stateEnteredAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  stages: z.array(StageProgress),
  steps: z.array(CertificateStepView),
  documents: z.array(CertificateDocumentView),
  certificate: IssuedCertificateRef.nullable(),
  /** Number of steps so far: send it back as `expectedStep` with a decision. */
  stepCount: z.number(),
};

/** What the applicant sees: civil IDs masked, no staff names. */
export const ApplicantApplicationView = z.object({
  ...ApplicationCore,
  ownerCivilId: z.string(),
  applicantCivilId: z.string(),
  /** The reason of the last return, when the application waits on the applicant. */
  returnReason: z.string().nullable(),
  canResubmit: z.boolean(),
});
export type ApplicantApplicationView = z.infer<typeof ApplicantApplicationView>;

export const StaffApplicationView = z.object({
  ...ApplicationCore,
  id: z.string(),
  governorateCode: GovernorateCode,
  ownerCivilId: z.string(),
  applicantCivilId: z.string(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  assignee: z.object({ id: z.string(), name: LocalizedText }).nullable(),
  description: PropertyDescription.nullable(),
  /** What this employee may do now (the table, their role, assignment and separation of duties). */
  actions: z.array(CertificateAction),
  /** Why an action the role would allow is barred to this person (separation of duties). */
  barred: z.string().nullable(),
  escalationLevel: z.number(),
});
export type StaffApplicationView = z.infer<typeof StaffApplicationView>;

export const CertificateQueueInput = z.object({
  scope: z.enum(["mine", "role", "all"]).default("role"),
  state: CertificateState.optional(),
  overdue: z.boolean().optional(),
  search: z.string().trim().max(60).optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(30),
});
export type CertificateQueueInput = z.input<typeof CertificateQueueInput>;

export const CertificateQueueItem = z.object({
  number: ApplicationNumber,
  state: CertificateState,
  stateLabel: LocalizedText,
  governorateCode: GovernorateCode,
  areaName: LocalizedText,
  block: z.string(),
  plot: z.string(),
  purpose: CertificatePurpose,
  assignee: z.object({ id: z.string(), name: LocalizedText }).nullable(),
  stateEnteredAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalationLevel: z.number(),
});
export type CertificateQueueItem = z.infer<typeof CertificateQueueItem>;

export const CertificateQueuePage = z.object({
  items: z.array(CertificateQueueItem),
  total: z.number(),
  nextCursor: z.number().nullable(),
});
export type CertificateQueuePage = z.infer<typeof CertificateQueuePage>;

/** The public verification page: no personal data (civil IDs masked to their last 4 digits). */
export const CertificateVerification = z.object({
  number: CertificateNumber,
  /** invalid: the stored certificate no longer matches what was signed and logged. */
  verdict: z.enum(["valid", "revoked", "superseded", "invalid"]),
  problems: z.array(z.string()),
  status: CertificateStatus,
  supersededBy: CertificateNumber.nullable(),
  revokedReason: z.string().nullable(),
  contentHash: z.string(),
  /** What the certificate says, without personal data. */
  property: PropertyRef.extend({ areaName: LocalizedText }),
  purpose: CertificatePurpose,
  issuedAt: z.string(),
  validUntil: z.string(),
  stages: z.array(
    z.object({
      action: CertificateAction,
      text: LocalizedText,
      role: z.string(),
      at: z.string(),
      keyId: z.string().nullable(),
      publicKey: z.string().nullable(),
      signature: z.string().nullable(),
      payload: z.string(),
      /** Whether the Ed25519 signature verifies; null for the applicant's own steps, which are not signed. */
      signatureValid: z.boolean().nullable(),
    }),
  ),
  /** The ledger leaf recording the certificate's content hash, with its inclusion proof. */
  ledger: z
    .object({
      seq: z.number(),
      size: z.number(),
      entry: z.string(),
      proof: z.array(z.string()),
      checkpoint: z.string(),
      /** The recorded audit row's content and salt: the entry's content hash is SHA-256(salt ‖ content). */
      content: z.string(),
      salt: z.string(),
    })
    .nullable(),
});
export type CertificateVerification = z.infer<typeof CertificateVerification>;

/** Masks a civil ID for people who are not its owner: ••••••••1234. */
export function maskCivilId(civilId: string): string {
  return `${"•".repeat(Math.max(0, civilId.length - 4))}${civilId.slice(-4)}`;
}

export const MyApplication = z.object({
  number: ApplicationNumber,
  state: CertificateState,
  stateLabel: LocalizedText,
  createdAt: z.string(),
  property: PropertyRef.extend({ areaName: LocalizedText }),
});
export type MyApplication = z.infer<typeof MyApplication>;

export const CertificateArea = z.object({ id: z.string(), name: LocalizedText });
export type CertificateArea = z.infer<typeof CertificateArea>;

export const InspectorCandidate = z.object({ id: z.string(), name: LocalizedText, openCount: z.number() });
export type InspectorCandidate = z.infer<typeof InspectorCandidate>;

export const RevokeCertificateInput = z.object({ number: CertificateNumber, reason: z.string().trim().min(3).max(1000) });
export type RevokeCertificateInput = z.input<typeof RevokeCertificateInput>;
