import type { LocalizedText } from "./i18n";

/**
 * The violation catalogue as plain data (no Zod): the types an inspector records, their groups,
 * the rule each breaks and the days given to remedy it. field.ts builds its schemas from it; the
 * field app imports it as it is.
 */

export const VIOLATION_TYPE_CODES = [
  "building_unlicensed",
  "building_setback",
  "road_occupation",
  "pavement_occupation",
  "advertisement_unlicensed",
  "cleanliness_waste",
  "cleanliness_debris",
  "state_land_encroachment",
  "shop_hygiene",
] as const;
export type ViolationTypeCode = (typeof VIOLATION_TYPE_CODES)[number];

export interface ViolationTypeInfo {
  name: LocalizedText;
  group: LocalizedText;
  /** The rule it breaks, as cited on the warning and the citation. */
  legalReference: LocalizedText;
  /** Days the offender has to remedy after a warning. */
  remedyDays: number;
}

const BUILDING = { ar: "البناء", en: "Building" };
const ROADS = { ar: "الطرق والأرصفة", en: "Roads and pavements" };
const ADS = { ar: "الإعلانات", en: "Advertisements" };
const CLEAN = { ar: "النظافة العامة", en: "Public cleanliness" };
const STATE_LAND = { ar: "أملاك الدولة", en: "State land" };

export const VIOLATION_TYPES: Record<ViolationTypeCode, ViolationTypeInfo> = {
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
