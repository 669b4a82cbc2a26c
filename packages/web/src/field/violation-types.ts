import type { LocalizedText } from "@baladiya/shared/i18n";
import type { ViolationAction, ViolationState, ViolationType } from "@baladiya/shared/field";
import { VIOLATION_TYPES } from "@baladiya/shared/violation-catalogue";

/*
 * The violation catalogue (zod-free, shared) and the field's part of the lifecycle of
 * @baladiya/shared/field, as plain data: a value from that module would put Zod in the field app's
 * bundle. The field test checks the lifecycle copy against the original.
 */

export { VIOLATION_TYPES };

export const VIOLATION_TYPE_LIST = Object.keys(VIOLATION_TYPES) as ViolationType[];

/** The types by group, in catalogue order, for a select with one <optgroup> per group. */
export function violationGroups(): { group: LocalizedText; types: ViolationType[] }[] {
  const groups: { group: LocalizedText; types: ViolationType[] }[] = [];
  for (const type of VIOLATION_TYPE_LIST) {
    const group = VIOLATION_TYPES[type].group;
    const found = groups.find((g) => g.group.en === group.en);
    if (found) found.types.push(type);
    else groups.push({ group, types: [type] });
  }
  return groups;
}

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

/** The steps an inspector takes on site (closing and cancelling are a second person's, in the back office). */
export type FieldViolationAction = Extract<ViolationAction, "warn" | "remedied" | "not_remedied" | "cite" | "refer">;

export const FIELD_VIOLATION_LIFECYCLE: Record<
  FieldViolationAction,
  { from: readonly ViolationState[]; to: ViolationState; needs: "deadline" | "evidence" | "reason" }
> = {
  warn: { from: ["recorded"], to: "warned", needs: "deadline" },
  remedied: { from: ["warned", "reinspection"], to: "remedied", needs: "evidence" },
  not_remedied: { from: ["reinspection"], to: "cited", needs: "evidence" },
  cite: { from: ["recorded", "warned", "reinspection"], to: "cited", needs: "reason" },
  refer: { from: ["cited"], to: "referred", needs: "reason" },
};

export const FIELD_VIOLATION_ACTIONS = Object.keys(FIELD_VIOLATION_LIFECYCLE) as FieldViolationAction[];

/** What the lifecycle allows from a state, for a violation whose latest step is still on this phone. */
export const violationActionsFrom = (state: ViolationState): FieldViolationAction[] =>
  FIELD_VIOLATION_ACTIONS.filter((a) => FIELD_VIOLATION_LIFECYCLE[a].from.includes(state));

/** Mirrors Offender's licence rule in @baladiya/shared/field: 4–12 digits, optionally /year. */
export const LICENCE_NUMBER = /^\d{4,12}(\/\d{4})?$/;
