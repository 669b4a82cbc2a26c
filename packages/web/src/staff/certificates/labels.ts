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
 * The certificate's labels and limits as plain data. @baladiya/shared/certificate holds the same
 * labels beside its Zod schemas, and importing any value from it puts Zod (~135 kB) in the staff
 * bundle; the Record types keep these lists complete, the browser test checks the texts agree.
 */

export type ViolationCode = ViolationFinding["code"];

export const PURPOSE_LABELS: Record<CertificatePurpose, LocalizedText> = {
  sale: { ar: "بيع", en: "Sale" },
  mortgage: { ar: "رهن", en: "Mortgage" },
  gift: { ar: "هبة", en: "Gift" },
  inheritance: { ar: "قسمة تركة", en: "Inheritance division" },
  other: { ar: "أخرى", en: "Other" },
};

export const STATE_LABELS: Record<CertificateState, LocalizedText> = {
  intake: { ar: "تدقيق المستندات في الفرع", en: "Document check at the branch" },
  returned_to_applicant: { ar: "بانتظار مستندات من مقدّم الطلب", en: "Waiting for documents from the applicant" },
  inspection: { ar: "الوصف الميداني", en: "On-site description" },
  survey_audit: { ar: "تدقيق إدارة المساحة", en: "Survey Department audit" },
  registration: { ar: "التسجيل العقاري — وزارة العدل", en: "Real estate registration — Ministry of Justice" },
  issued: { ar: "صدرت الشهادة", en: "Certificate issued" },
  rejected: { ar: "مرفوض", en: "Rejected" },
};

export const USE_LABELS: Record<PropertyUse, LocalizedText> = {
  private_residential: { ar: "سكن خاص", en: "Private housing" },
  investment_residential: { ar: "سكن استثماري", en: "Investment housing" },
  commercial: { ar: "تجاري", en: "Commercial" },
  industrial: { ar: "صناعي", en: "Industrial" },
  agricultural: { ar: "زراعي", en: "Agricultural" },
  vacant: { ar: "أرض فضاء", en: "Vacant land" },
};

export const VIOLATION_LABELS: Record<ViolationCode, LocalizedText> = {
  extra_floor: { ar: "دور إضافي غير مرخّص", en: "Unlicensed extra floor" },
  setback: { ar: "مخالفة ارتدادات", en: "Setback violation" },
  use_change: { ar: "تغيير الاستعمال", en: "Change of use" },
  unlicensed_extension: { ar: "إضافة غير مرخّصة", en: "Unlicensed extension" },
  basement: { ar: "مخالفة سرداب", en: "Basement violation" },
  annex: { ar: "ملحق غير مرخّص", en: "Unlicensed annex" },
  other: { ar: "مخالفة أخرى", en: "Other violation" },
};

export const DOCUMENT_LABELS: Record<DocumentKind | "violation_photo" | "certificate_pdf", LocalizedText> = {
  title_deed: { ar: "وثيقة الملكية", en: "Title deed" },
  owner_civil_id: { ar: "صورة البطاقة المدنية للمالك", en: "Owner's Civil ID copy" },
  building_licence: { ar: "رخصة البناء", en: "Building licence" },
  power_of_attorney: { ar: "وكالة", en: "Power of attorney" },
  other: { ar: "مستند آخر", en: "Other document" },
  violation_photo: { ar: "صورة مخالفة", en: "Violation photo" },
  certificate_pdf: { ar: "الشهادة", en: "Certificate" },
};

/** What an employee does, as the button says it (the signed step's own text comes from the server). */
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
