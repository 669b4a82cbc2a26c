import type {
  CertificateAction,
  CertificatePurpose,
  CertificateState,
  DocumentKind,
  PropertyUse,
  ViolationFinding,
} from "@baladiya/shared/certificate";

/*
 * The certificate's labels come from @baladiya/shared/certificate-labels (plain data: no Zod in the
 * bundle); the lists and limits the staff screens need beside them are here.
 */
import { PURPOSE_LABELS, STATE_LABELS, USE_LABELS, VIOLATION_LABELS } from "@baladiya/shared/certificate-labels";

export {
  ACTION_LABELS,
  DOCUMENT_LABELS,
  PURPOSE_LABELS,
  STATE_LABELS,
  USE_LABELS,
  VIOLATION_LABELS,
} from "@baladiya/shared/certificate-labels";

export type ViolationCode = ViolationFinding["code"];

/** What an employee does, as the button says it (the signed step's own text comes from the server). */
export const CERTIFICATE_STATES = Object.keys(STATE_LABELS) as CertificateState[];
export const PURPOSES = Object.keys(PURPOSE_LABELS) as CertificatePurpose[];
export const PROPERTY_USES = Object.keys(USE_LABELS) as PropertyUse[];
export const VIOLATION_CODES = Object.keys(VIOLATION_LABELS) as ViolationCode[];

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "title_deed",
  "owner_civil_id",
  "building_licence",
  "power_of_attorney",
  "other",
];
export const REQUIRED_DOCUMENTS: ReadonlySet<DocumentKind> = new Set(["title_deed", "owner_civil_id"]);
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_TYPES: ReadonlySet<string> = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp"]);

/** Decisions that end the application: confirmed with a stronger warning. */
export const FINAL_ACTIONS: ReadonlySet<CertificateAction> = new Set(["register", "reject"]);
/** Decisions that need a written reason (the workflow's `needs`). */
export const REASON_ACTIONS: ReadonlySet<CertificateAction> = new Set([
  "return_documents",
  "return_to_inspector",
  "reject",
  "reassign",
]);

/** The same checks as PropertyRef and ApplyCertificateInput, so the clerk hears of a typo before sending. */
export const BLOCK_PATTERN = /^\d{1,3}$/;
export const PLOT_PATTERN = /^\d{1,4}[A-Za-z]?$/;
export const PLAN_PATTERN = /^[A-Za-z\u0621-\u064A]{0,3}[/-]?\d{1,6}$/;
export const PHONE_PATTERN = /^\+?965\d{8}$|^\d{8}$/;
