import type {
  CertificateAction,
  CertificatePurpose,
  CertificateState,
  DocumentKind,
  PropertyUse,
  ViolationFinding,
} from "./certificate";
import type { LocalizedText } from "./i18n";

/**
 * The certificate's words in both languages, as plain data: the web apps import them from here
 * without pulling the Zod schemas of certificate.ts into their bundles.
 */

export const PURPOSE_LABELS: Record<CertificatePurpose, LocalizedText> = {
  sale: { ar: "بيع", en: "Sale" },
  mortgage: { ar: "رهن", en: "Mortgage" },
  gift: { ar: "هبة", en: "Gift" },
  inheritance: { ar: "قسمة تركة", en: "Inheritance division" },
  other: { ar: "أخرى", en: "Other" },
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

export const ACTION_LABELS: Record<CertificateAction, LocalizedText> = {
  accept_documents: { ar: "قُبلت المستندات وأُحيل الطلب إلى المراقب", en: "Documents accepted; sent to an inspector" },
  return_documents: { ar: "أُعيدت المستندات إلى مقدّم الطلب", en: "Documents returned to the applicant" },
  resubmit: { ar: "أعاد مقدّم الطلب تقديم المستندات", en: "The applicant resubmitted the documents" },
  submit_description: { ar: "وصف المراقب العقار في الموقع", en: "The inspector described the property on site" },
  approve_survey: { ar: "دقّقت إدارة المساحة الوصف واعتمدته", en: "The Survey Department audited and approved the description" },
  return_to_inspector: { ar: "أعادت إدارة المساحة الطلب إلى المراقب", en: "The Survey Department returned it to the inspector" },
  register: { ar: "سُجّلت الشهادة لدى وزارة العدل وصدرت", en: "Registered with the Ministry of Justice; certificate issued" },
  reject: { ar: "رُفض الطلب", en: "Application rejected" },
  reassign: { ar: "أُسند الطلب إلى مراقب آخر", en: "Reassigned to another inspector" },
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

export const VIOLATION_LABELS: Record<ViolationFinding["code"], LocalizedText> = {
  extra_floor: { ar: "دور إضافي غير مرخّص", en: "Unlicensed extra floor" },
  setback: { ar: "مخالفة ارتدادات", en: "Setback violation" },
  use_change: { ar: "تغيير الاستعمال", en: "Change of use" },
  unlicensed_extension: { ar: "إضافة غير مرخّصة", en: "Unlicensed extension" },
  basement: { ar: "مخالفة سرداب", en: "Basement violation" },
  annex: { ar: "ملحق غير مرخّص", en: "Unlicensed annex" },
  other: { ar: "مخالفة أخرى", en: "Other violation" },
};
