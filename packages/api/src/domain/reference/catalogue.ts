import type { GovernorateCode } from "@baladiya/shared/geo";
import type { LocalizedText } from "@baladiya/shared/i18n";
import type { DepartmentKind, Priority, ServiceAttribute } from "@baladiya/shared/service";
import { PRIORITY_HOURS } from "@baladiya/shared/service";

/** Reference data Kuwait Municipality works with (DOMAIN.md); seeded idempotently at start-up. */

export const GOVERNORATES: { code: GovernorateCode; prefix: string; layerNo: number; name: LocalizedText }[] = [
  { code: "KW-KU", prefix: "KU", layerNo: 1, name: { ar: "العاصمة", en: "Capital" } },
  { code: "KW-HA", prefix: "HA", layerNo: 2, name: { ar: "حولي", en: "Hawalli" } },
  { code: "KW-AH", prefix: "AH", layerNo: 3, name: { ar: "الأحمدي", en: "Ahmadi" } },
  { code: "KW-JA", prefix: "JA", layerNo: 4, name: { ar: "الجهراء", en: "Jahra" } },
  { code: "KW-FA", prefix: "FA", layerNo: 5, name: { ar: "الفروانية", en: "Farwaniya" } },
  { code: "KW-MU", prefix: "MU", layerNo: 6, name: { ar: "مبارك الكبير", en: "Mubarak Al-Kabeer" } },
];

export const DEPARTMENT_KINDS: { kind: DepartmentKind; name: LocalizedText }[] = [
  {
    kind: "cleanliness",
    name: { ar: "إدارة النظافة العامة وإشغالات الطرق", en: "Public Cleanliness & Road Occupancy Department" },
  },
  {
    kind: "audit",
    name: { ar: "إدارة تدقيق ومتابعة الخدمات البلدية", en: "Audit & Follow-up of Municipal Services Department" },
  },
  { kind: "emergency", name: { ar: "فرق الطوارئ", en: "Emergency Teams" } },
  { kind: "violations", name: { ar: "قسم إزالة المخالفات", en: "Violations Removal Section" } },
  { kind: "building", name: { ar: "إدارة التفتيش على البناء", en: "Building Inspection Department" } },
];

export function departmentId(governorateCode: string, kind: string): string {
  return `${governorateCode}.${kind}`;
}

interface CatalogueEntry {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  group: LocalizedText;
  keywords: string[];
  icon: string;
  departmentKind: DepartmentKind;
  priority: Priority;
  attributes: ServiceAttribute[];
}

const CLEAN: LocalizedText = { ar: "النظافة", en: "Cleanliness" };
const ROADS: LocalizedText = { ar: "الطرق والطوارئ", en: "Roads & emergencies" };
const ANIMALS: LocalizedText = { ar: "الحيوانات", en: "Animals" };
const COMMERCE: LocalizedText = { ar: "الأنشطة التجارية والإعلانات", en: "Commerce & advertising" };
const BUILDING: LocalizedText = { ar: "البناء وأملاك الدولة", en: "Building & state land" };

const yesNo = (code: string, description: LocalizedText, required: boolean): ServiceAttribute => ({
  code,
  datatype: "singlevaluelist",
  required,
  order: 1,
  description,
  values: [
    { key: "yes", name: { ar: "نعم", en: "Yes" } },
    { key: "no", name: { ar: "لا", en: "No" } },
  ],
});

export const SERVICE_CATALOGUE: CatalogueEntry[] = [
  {
    code: "GARBAGE",
    name: { ar: "تراكم النفايات وامتلاء الحاويات", en: "Garbage and overflowing bins" },
    description: { ar: "نفايات متراكمة أو حاوية ممتلئة لم تُفرَّغ", en: "Piled-up rubbish or a full bin not emptied" },
    group: CLEAN,
    keywords: ["نفايات", "قمامة", "حاوية", "garbage", "bin", "trash", "rubbish"],
    icon: "trash",
    departmentKind: "cleanliness",
    priority: "P2",
    attributes: [
      {
        code: "container",
        datatype: "singlevaluelist",
        required: false,
        order: 1,
        description: { ar: "نوع الحاوية", en: "Kind of container" },
        values: [
          { key: "bin", name: { ar: "حاوية صغيرة", en: "Household bin" } },
          { key: "skip", name: { ar: "حاوية كبيرة", en: "Large container" } },
          { key: "none", name: { ar: "لا توجد حاوية", en: "No container" } },
        ],
      },
    ],
  },
  {
    code: "FURNITURE",
    name: { ar: "أثاث ومخلفات منزلية مهملة", en: "Discarded furniture" },
    description: { ar: "أثاث أو أجهزة مرمية في الشارع", en: "Furniture or appliances left in the street" },
    group: CLEAN,
    keywords: ["أثاث", "كنب", "أجهزة", "furniture", "sofa", "mattress", "appliance"],
    icon: "sofa",
    departmentKind: "cleanliness",
    priority: "P3",
    attributes: [],
  },
  {
    code: "RUBBLE",
    name: { ar: "مخلفات بناء وردم عشوائي", en: "Construction rubble and illegal dumping" },
    description: { ar: "أنقاض أو مخلفات بناء أُلقيت في غير أماكنها", en: "Rubble or building waste dumped illegally" },
    group: CLEAN,
    keywords: ["ردم", "أنقاض", "مخلفات بناء", "rubble", "dumping", "debris"],
    icon: "rubble",
    departmentKind: "violations",
    priority: "P2",
    attributes: [],
  },
  {
    code: "ABANDONED_CAR",
    name: { ar: "سيارة مهملة أو سكراب", en: "Abandoned car or scrap" },
    description: { ar: "مركبة متروكة أو هيكل سكراب", en: "A vehicle left abandoned, or scrap" },
    group: CLEAN,
    keywords: ["سيارة مهملة", "سكراب", "abandoned car", "scrap", "vehicle"],
    icon: "car",
    departmentKind: "cleanliness",
    priority: "P4",
    attributes: [
      {
        code: "plate",
        datatype: "string",
        required: false,
        order: 1,
        description: { ar: "رقم اللوحة إن وجد", en: "Plate number, if any" },
        values: [],
      },
    ],
  },
  {
    code: "FALLEN_TREE",
    name: { ar: "شجرة ساقطة", en: "Fallen tree" },
    description: { ar: "شجرة أو أغصان ساقطة", en: "A fallen tree or branches" },
    group: ROADS,
    keywords: ["شجرة", "أغصان", "tree", "branch"],
    icon: "tree",
    departmentKind: "emergency",
    priority: "P1",
    attributes: [yesNo("blocking", { ar: "هل تعيق الطريق؟", en: "Is it blocking the road?" }, true)],
  },
  {
    code: "SAND_ON_ROAD",
    name: { ar: "رمال متراكمة على الطريق", en: "Sand dunes on the road" },
    description: { ar: "كثبان أو رمال تغطي الطريق", en: "Sand drifts covering a road" },
    group: ROADS,
    keywords: ["رمال", "كثبان", "sand", "dune"],
    icon: "sand",
    departmentKind: "emergency",
    priority: "P1",
    attributes: [yesNo("blocking", { ar: "هل تعيق الطريق؟", en: "Is it blocking the road?" }, false)],
  },
  {
    code: "RAIN_POOL",
    name: { ar: "تجمع مياه الأمطار", en: "Rain-water pool" },
    description: { ar: "مياه أمطار متجمعة في الطريق أو الساحات", en: "Rain water standing on a road or square" },
    group: ROADS,
    keywords: ["أمطار", "مياه", "rain", "water", "flood"],
    icon: "water",
    departmentKind: "emergency",
    priority: "P1",
    attributes: [],
  },
  {
    code: "DEAD_ANIMAL",
    name: { ar: "حيوان نافق", en: "Dead animal" },
    description: { ar: "حيوان نافق في مكان عام", en: "A dead animal in a public place" },
    group: ANIMALS,
    keywords: ["نافق", "حيوان", "dead animal", "carcass"],
    icon: "animal",
    departmentKind: "cleanliness",
    priority: "P1",
    attributes: [],
  },
  {
    code: "STRAY_ANIMALS",
    name: { ar: "حيوانات سائبة", en: "Stray animals" },
    description: { ar: "كلاب أو حيوانات سائبة", en: "Stray dogs or other animals" },
    group: ANIMALS,
    keywords: ["كلاب ضالة", "سائبة", "stray", "dogs"],
    icon: "paw",
    departmentKind: "cleanliness",
    priority: "P3",
    attributes: [],
  },
  {
    code: "STREET_VENDOR",
    name: { ar: "باعة متجولون", en: "Street vendors" },
    description: { ar: "بيع غير مرخص في الطريق العام", en: "Unlicensed selling on public roads" },
    group: COMMERCE,
    keywords: ["باعة", "بسطة", "vendor", "hawker"],
    icon: "cart",
    departmentKind: "audit",
    priority: "P3",
    attributes: [],
  },
  {
    code: "UNLICENSED_AD",
    name: { ar: "إعلان غير مرخص", en: "Unlicensed advertisement" },
    description: { ar: "لوحة أو ملصق إعلاني دون ترخيص", en: "A sign, banner or poster without a licence" },
    group: COMMERCE,
    keywords: ["إعلان", "لوحة", "ملصق", "advertisement", "billboard", "poster"],
    icon: "billboard",
    departmentKind: "audit",
    priority: "P3",
    attributes: [],
  },
  {
    code: "ROAD_OCCUPATION",
    name: { ar: "إشغال الطريق أو الرصيف", en: "Road or pavement occupation" },
    description: { ar: "محل يشغل الرصيف أو الطريق ببضائعه", en: "A shop occupying the pavement or road" },
    group: COMMERCE,
    keywords: ["إشغال", "رصيف", "occupation", "pavement", "sidewalk"],
    icon: "shop",
    departmentKind: "cleanliness",
    priority: "P3",
    attributes: [],
  },
  {
    code: "BACHELOR_HOUSING",
    name: { ar: "سكن عزاب في منطقة سكن خاص", en: "Bachelor housing in a family area" },
    description: { ar: "سكن عزاب في منطقة مخصصة للعائلات", en: "Bachelors housed in a private family area" },
    group: BUILDING,
    keywords: ["عزاب", "سكن", "bachelor", "housing"],
    icon: "house",
    departmentKind: "building",
    priority: "P4",
    attributes: [],
  },
  {
    code: "STATE_LAND",
    name: { ar: "تعدٍّ على أملاك الدولة", en: "Encroachment on state land" },
    description: { ar: "استغلال أرض حكومية دون ترخيص", en: "Government land used without a permit" },
    group: BUILDING,
    keywords: ["أملاك الدولة", "تعدي", "encroachment", "state land"],
    icon: "fence",
    departmentKind: "violations",
    priority: "P3",
    attributes: [],
  },
  {
    code: "BUILDING_VIOLATION",
    name: { ar: "مخالفة بناء", en: "Building violation" },
    description: { ar: "بناء أو إضافة دون ترخيص أو مخالف للترخيص", en: "Construction without or against a licence" },
    group: BUILDING,
    keywords: ["مخالفة بناء", "ترخيص", "building violation", "construction"],
    icon: "crane",
    departmentKind: "building",
    priority: "P4",
    attributes: [
      {
        code: "kind",
        datatype: "singlevaluelist",
        required: false,
        order: 1,
        description: { ar: "نوع المخالفة", en: "Kind of violation" },
        values: [
          { key: "extra_floor", name: { ar: "دور إضافي", en: "Extra floor" } },
          { key: "setback", name: { ar: "تجاوز خط البناء", en: "Building-line breach" } },
          { key: "use", name: { ar: "تغيير الاستعمال", en: "Change of use" } },
          { key: "other", name: { ar: "أخرى", en: "Other" } },
        ],
      },
    ],
  },
];

export function responseHoursOf(priority: Priority): number {
  return PRIORITY_HOURS[priority];
}
