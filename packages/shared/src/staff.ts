import { z } from "zod";
import { CaseStatus, CaseSummary, NOTE_MAX, PublicCase, TrackingNumber } from "./case";
import { GovernorateCode } from "./geo";
import { LocalizedText } from "./i18n";
import { ServiceCode } from "./service";

export const StaffRole = z.enum([
  "clerk",
  "department_officer",
  "inspector",
  "supervisor",
  "branch_manager",
  "survey_auditor",
  "moj_registrar",
  "administrator",
]);
export type StaffRole = z.infer<typeof StaffRole>;

/** Staff sign in with e-mail, password and the 6-digit code of their authenticator app (TOTP). */
export const StaffSignInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "The code has 6 digits"),
});
export type StaffSignInInput = z.input<typeof StaffSignInInput>;

export const StaffMe = z.object({
  id: z.string(),
  name: LocalizedText,
  email: z.string(),
  role: StaffRole,
  governorateCode: GovernorateCode,
  department: z.object({ id: z.string(), kind: z.string(), name: LocalizedText }).nullable(),
  specialties: z.array(z.string()),
});
export type StaffMe = z.infer<typeof StaffMe>;

export const StaffSignInResult = z.object({ sessionToken: z.string(), expiresAt: z.string(), me: StaffMe });
export type StaffSignInResult = z.infer<typeof StaffSignInResult>;

/** At least 12 characters: the only rule worth having (NIST SP 800-63B). */
export const StaffPassword = z.string().min(12).max(200);

export const CreateStaffInput = z.object({
  name: z.object({ ar: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
  email: z.email().max(254),
  role: StaffRole,
  governorateCode: GovernorateCode,
  departmentKind: z.string().max(40).optional(),
  specialties: z.array(ServiceCode).max(50).default([]),
});
export type CreateStaffInput = z.input<typeof CreateStaffInput>;

/** New credentials, shown once: a password to change and the authenticator secret (also as a QR URL). */
export const StaffCredentials = z.object({
  staffId: z.string(),
  password: z.string(),
  totpSecret: z.string(),
  otpauthUrl: z.string(),
});
export type StaffCredentials = z.infer<typeof StaffCredentials>;

export const StaffListItem = z.object({
  id: z.string(),
  name: LocalizedText,
  email: z.string(),
  role: StaffRole,
  governorateCode: GovernorateCode,
  departmentKind: z.string().nullable(),
  specialties: z.array(z.string()),
  active: z.boolean(),
  openCaseCount: z.number().int(),
  lockedUntil: z.string().nullable(),
});
export type StaffListItem = z.infer<typeof StaffListItem>;

export const InboxInput = z.object({
  /** mine: assigned to me; department: my department in my branch; branch: the whole branch. */
  scope: z.enum(["mine", "department", "branch"]).default("department"),
  status: z.union([z.enum(["open", "overdue", "closed"]), CaseStatus]).default("open"),
  serviceCode: ServiceCode.optional(),
  assigneeId: z.string().max(64).optional(),
  /** Only cases nobody holds. */
  unassigned: z.boolean().optional(),
  /** One department of the branch (e.g. from a dashboard row). */
  departmentId: z.string().max(64).optional(),
  /** For administrators: one branch instead of all. */
  governorateCode: GovernorateCode.optional(),
  /** A tracking number, or words of the description. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["due", "newest"]).default("due"),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type InboxInput = z.input<typeof InboxInput>;

export const Assignee = z.object({ id: z.string(), name: LocalizedText });

export const InboxItem = CaseSummary.extend({
  priority: z.string(),
  assignee: Assignee.nullable(),
  escalationLevel: z.number().int(),
  department: LocalizedText,
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxPage = z.object({
  items: z.array(InboxItem),
  nextCursor: z.string().nullable(),
  counts: z.object({ open: z.number().int(), overdue: z.number().int() }),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** One step of the staff view of the timeline: the public entries and the internal notes. */
export const StaffTimelineEntry = PublicCase.shape.timeline.element.extend({
  internal: z.boolean(),
  /** Who exactly did it (staff see names; the public sees roles). */
  by: LocalizedText.nullable(),
});

export const StaffCaseView = PublicCase.extend({
  timeline: z.array(StaffTimelineEntry),
  priority: z.string(),
  escalationLevel: z.number().int(),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  assignee: Assignee.nullable(),
  /** Actions this staff member may take now (by the state machine and their role). */
  allowedActions: z.array(z.string()),
  /** Staff of the branch who may take it, with their open load, specialists first. */
  assignable: z.array(Assignee.extend({ openCaseCount: z.number().int(), specialist: z.boolean() })),
  reopenCount: z.number().int(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
});
export type StaffCaseView = z.infer<typeof StaffCaseView>;

export const BulkAssignInput = z.object({
  trackingNumbers: z.array(TrackingNumber).min(1).max(200),
  assigneeId: z.string().max(64),
});

export const TransferInput = z.object({
  trackingNumber: TrackingNumber,
  /** Another department kind in the same or another branch, and/or another service. */
  governorateCode: GovernorateCode.optional(),
  serviceCode: ServiceCode.optional(),
  reason: z.string().trim().min(3).max(NOTE_MAX),
  expectedUpdatedAt: z.string().optional(),
});

export const MergeInput = z.object({
  trackingNumber: TrackingNumber,
  intoTrackingNumber: TrackingNumber,
  note: z.string().trim().max(NOTE_MAX).optional(),
});

export const ResponseTemplate = z.object({ id: z.string(), title: LocalizedText, text: LocalizedText });
export type ResponseTemplate = z.infer<typeof ResponseTemplate>;

export const DashboardInput = z.object({
  level: z.enum(["branch", "department", "employee"]),
  governorateCode: GovernorateCode.optional(),
  /** Cases reported on or after / on or before these Kuwait dates; default the last 90 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type DashboardInput = z.input<typeof DashboardInput>;

export const DashboardRow = z.object({
  id: z.string(),
  name: LocalizedText,
  governorateCode: GovernorateCode,
  openLoad: z.number().int(),
  overdue: z.number().int(),
  received: z.number().int(),
  resolved: z.number().int(),
  medianHoursToAcknowledge: z.number().nullable(),
  medianHoursToResolve: z.number().nullable(),
  /** Reopened cases over resolved ones, 0..1. */
  reopenRate: z.number().nullable(),
  averageRating: z.number().nullable(),
  ratings: z.number().int(),
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export const Holiday = z.object({ date: z.iso.date(), name: LocalizedText });
export type Holiday = z.infer<typeof Holiday>;

export const Colleague = z.object({
  id: z.string(),
  name: LocalizedText,
  role: StaffRole,
  departmentId: z.string().nullable(),
  openCaseCount: z.number().int(),
});
export type Colleague = z.infer<typeof Colleague>;
