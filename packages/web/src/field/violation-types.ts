import type { LocalizedText } from "@baladiya/shared/i18n";
import type { ViolationAction, ViolationState, ViolationType, ViolationTypeInfo } from "@baladiya/shared/field";

/*
 * The violation catalogue and lifecycle of @baladiya/shared/field, as plain data: a value from that
 * module would put Zod in the field app's bundle. The field test checks the copy against the original.
 */

const BUILDING = { ar: "البناء", en: "Building" };
const ROADS = { ar: "الطرق والأرصفة", en: "Roads and pavements" };
const ADS = { ar: "الإعلانات", en: "Advertisements" };
const CLEAN = { ar: "النظافة العامة", en: "Public cleanliness" };
const STATE_LAND = { ar: "أملاك الدولة", en: "State land" };

export const VIOLATION_TYPES: Record<ViolationType, ViolationTypeInfo> = {
  building_unlicensed: {
    name: { ar: "بناء أو إضافة دون ترخيص", en: "Building or extension without a licence" },
    group: BUILDING,
    legalReference: {
      ar: "قانون البلدية رقم ٣٣ لسنة ٢٠١٦ ولائحة تنظيم أعمال البناء",
      en: "Municipality Law 33/2016 and the Building Regulations",
    },
    remedyDays: 30,
  },
  building_setback: {
    name: { ar: "مخالفة الارتدادات", en: "Setback violation" },
    group: BUILDING,
    legalReference: { ar: "لائحة تنظيم أعمال البناء — الارتدادات", en: "Building Regulations — setbacks" },
    remedyDays: 30,
  },
  road_occupation: {
    name: { ar: "إشغال الطريق العام", en: "Occupying the public road" },
    group: ROADS,
    legalReference: { ar: "لائحة إشغالات الطرق العامة", en: "Public Road Occupation Regulations" },
    remedyDays: 3,
  },
  pavement_occupation: {
    name: { ar: "إشغال الرصيف", en: "Occupying the pavement" },
    group: ROADS,
    legalReference: { ar: "لائحة إشغالات الطرق العامة", en: "Public Road Occupation Regulations" },
    remedyDays: 3,
  },
  advertisement_unlicensed: {
    name: { ar: "إعلان دون ترخيص", en: "Unlicensed advertisement" },
    group: ADS,
    legalReference: { ar: "لائحة الإعلانات", en: "Advertisement Regulations" },
    remedyDays: 7,
  },
  cleanliness_waste: {
    name: { ar: "إلقاء النفايات في غير أماكنها", en: "Dumping waste" },
    group: CLEAN,
    legalReference: { ar: "لائحة النظافة العامة ونقل النفايات", en: "Public Cleanliness and Waste Regulations" },
    remedyDays: 2,
  },
  cleanliness_debris: {
    name: { ar: "مخلفات بناء", en: "Construction debris" },
    group: CLEAN,
    legalReference: { ar: "لائحة النظافة العامة ونقل النفايات", en: "Public Cleanliness and Waste Regulations" },
    remedyDays: 5,
  },
  state_land_encroachment: {
    name: { ar: "التعدي على أملاك الدولة", en: "Encroachment on state land" },
    group: STATE_LAND,
    legalReference: { ar: "قانون أملاك الدولة رقم ١٠٥ لسنة ١٩٨٠", en: "State Property Law 105/1980" },
    remedyDays: 14,
  },
  shop_hygiene: {
    name: { ar: "مخالفة اشتراطات صحية في محل", en: "Shop hygiene violation" },
    group: CLEAN,
    legalReference: { ar: "لائحة الاشتراطات الصحية للمحلات العامة", en: "Public Shops Health Requirements" },
    remedyDays: 7,
  },
};

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
