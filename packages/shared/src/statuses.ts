/**
 * A case's statuses, in the order they are usually lived: a plain list (no Zod) so the web app can
 * offer them in filters without bundling the schema library. `CaseStatus` in case.ts is built on it.
 */
export const CASE_STATUSES = [
  "new",
  "acknowledged",
  "assigned",
  "in_progress",
  "action_scheduled",
  "reopened",
  "resolved_fixed",
  "resolved_not_fixed",
  "resolved_not_responsible",
  "resolved_duplicate",
  "closed",
] as const;

/** The statuses in both languages, for messages made on the server (the web app has its own catalogue). */
export const CASE_STATUS_LABELS: Record<(typeof CASE_STATUSES)[number], { ar: string; en: string }> = {
  new: { ar: "جديد", en: "New" },
  acknowledged: { ar: "تم الاستلام", en: "Acknowledged" },
  assigned: { ar: "أُسند إلى موظف", en: "Assigned to an officer" },
  in_progress: { ar: "قيد التنفيذ", en: "In progress" },
  action_scheduled: { ar: "تمت جدولة الإجراء", en: "Action scheduled" },
  reopened: { ar: "أُعيد فتحه", en: "Reopened" },
  resolved_fixed: { ar: "تم الحل", en: "Fixed" },
  resolved_not_fixed: { ar: "انتهت المعالجة دون إصلاح", en: "Not fixed" },
  resolved_not_responsible: { ar: "خارج اختصاص البلدية", en: "Not the municipality's responsibility" },
  resolved_duplicate: { ar: "بلاغ مكرر", en: "Duplicate" },
  closed: { ar: "مغلق", en: "Closed" },
};
