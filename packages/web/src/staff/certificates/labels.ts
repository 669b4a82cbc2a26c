import type {
  CertificateAction,
  CertificatePurpose,
  CertificateState,
  DocumentKind,
  PropertyUse,
  ViolationFinding,
} from "@baladiya/shared/certificate";
import type { LocalizedText } from "@baladiya/shared/i18n";

/*
 * The certificate's labels come from @baladiya/shared/certificate-labels (plain data: no Zod in the
 * bundle); the lists and limits the staff screens need beside them are here.
 */
import { PURPOSE_LABELS, STATE_LABELS, USE_LABELS, VIOLATION_LABELS } from "@baladiya/shared/certificate-labels";

export { DOCUMENT_LABELS, PURPOSE_LABELS, STATE_LABELS, USE_LABELS, VIOLATION_LABELS } from "@baladiya/shared/certificate-labels";

/** What each decision's button says (the signed step's own wording comes from the server). */
export const ACTION_LABELS: Record<CertificateAction, LocalizedText> = {
  accept_documents: { ar: "قبول المستندات والإحالة إلى المراقب", en: "Accept the documents" },
  return_documents: { ar: "إعادة المستندات إلى مقدّم الطلب", en: "Return the documents to the applicant" },
  resubmit: { ar: "إعادة تقديم المستندات", en: "Resubmit the documents" },
  submit_description: { ar: "إرسال وصف العقار", en: "Submit the property description" },
  approve_survey: { ar: "اعتماد الوصف", en: "Approve the description" },
  return_to_inspector: { ar: "إعادة الطلب إلى المراقب", en: "Return it to the inspector" },
  register: { ar: "تسجيل الشهادة وإصدارها", en: "Register and issue the certificate" },
  reject: { ar: "رفض الطلب", en: "Reject the application" },
  reassign: { ar: "إسناد المعاينة إلى مراقب آخر", en: "Reassign the inspection" },
};

export type ViolationCode = ViolationFinding["code"];

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
