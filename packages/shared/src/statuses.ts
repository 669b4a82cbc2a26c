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
