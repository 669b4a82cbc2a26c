import { readFile, writeFile } from "node:fs/promises";
import type { CreateStaffInput } from "@baladiya/shared/staff";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { areas, cases, plots, staff } from "../../db/schema";
import { demoPlots, importPlots } from "../../domain/certificate/seed-plots";
import { seedDemoCertificates } from "./demo-certificates";
import { actOnCase } from "../../domain/case/act-on-case";
import { submitReport } from "../../domain/case/submit-report";
import type { Ctx, Deps } from "../../domain/context";
import { DEPARTMENT_KINDS, GOVERNORATES, SERVICE_CATALOGUE } from "../../domain/reference/catalogue";
import { addStaffMember } from "../../domain/staff/add-staff-member";
import { seedDemoKiosks } from "./demo-kiosks";
import { systemCtx } from "./bootstrap";

const FIRST_NAMES = [
  { ar: "أحمد", en: "Ahmad" },
  { ar: "فاطمة", en: "Fatima" },
  { ar: "خالد", en: "Khaled" },
  { ar: "نورة", en: "Noura" },
  { ar: "يوسف", en: "Yousef" },
  { ar: "مريم", en: "Maryam" },
];
const FAMILY = [
  { ar: "العنزي", en: "Al-Enezi" },
  { ar: "المطيري", en: "Al-Mutairi" },
  { ar: "الرشيدي", en: "Al-Rashidi" },
  { ar: "الكندري", en: "Al-Kandari" },
];

/** How the Los Angeles 311 request types map onto Kuwait Municipality's complaint kinds. */
const LA_TO_SERVICE: Record<string, string> = {
  "Bulky Items": "FURNITURE",
  "Graffiti Removal": "UNLICENSED_AD",
  "Illegal Dumping Pickup": "RUBBLE",
  "Metal/Household Appliances": "FURNITURE",
  "Electronic Waste": "GARBAGE",
  "Homeless Encampment": "STATE_LAND",
  "Dead Animal Removal": "DEAD_ANIMAL",
  "Report Water Waste": "RAIN_POOL",
};

const DESCRIPTIONS: Record<string, string> = {
  GARBAGE: "الحاوية ممتلئة منذ ثلاثة أيام والنفايات حولها",
  FURNITURE: "أثاث قديم مرمي بجانب المنزل منذ أسبوع",
  RUBBLE: "مخلفات بناء أُلقيت في الساحة المجاورة للمسجد",
  UNLICENSED_AD: "ملصقات إعلانية على جدار المدرسة دون ترخيص",
  STATE_LAND: "سياج أُقيم على أرض فضاء حكومية",
  DEAD_ANIMAL: "قطة نافقة على الرصيف أمام الجمعية",
  RAIN_POOL: "تجمع مياه في الشارع يعيق مرور السيارات",
};

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Demo data for a first look: two officers per department of every branch, each with the
 * department's services as specialties, a supervisor and a manager per branch and an administrator
 * (their demo credentials written to `credentialsFile`), and reports shaped like real 311 traffic (the LA 311
 * category mix, re-projected onto Kuwait's areas). Runs only on an empty database.
 */
export async function seedDemoData(
  deps: Deps,
  options: { la311File: string | null; reports?: number; credentialsFile?: string; kioskKeysFile?: string },
): Promise<{ staff: number; reports: number; certificates: number; kiosks: number }> {
  const ctx = systemCtx(deps, "demo-seed");
  const [staffCount] = await deps.store.read((db) => db.select({ n: count() }).from(staff));
  let staffAdded = 0;
  if ((staffCount?.n ?? 0) === 0) {
    const members: CreateStaffInput[] = [];
    let i = 0;
    const person = () => {
      const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? { ar: "موظف", en: "Officer" };
      const family = FAMILY[i % FAMILY.length] ?? { ar: "", en: "" };
      i++;
      return { ar: `${first.ar} ${family.ar}`, en: `${first.en} ${family.en}` };
    };
    for (const g of GOVERNORATES) {
      const branch = g.prefix.toLowerCase();
      for (const d of DEPARTMENT_KINDS) {
        const specialties = SERVICE_CATALOGUE.filter((s) => s.departmentKind === d.kind).map((s) => s.code);
        for (let k = 0; k < 2; k++) {
          members.push({
            name: person(),
            email: `officer${i + 1}.${branch}@baladia.gov.kw`,
            governorateCode: g.code,
            departmentKind: d.kind,
            role: d.kind === "building" || d.kind === "violations" ? "inspector" : "department_officer",
            specialties,
          });
        }
      }
      members.push({ name: person(), email: `clerk.${branch}@baladia.gov.kw`, governorateCode: g.code, role: "clerk" });
      members.push({ name: person(), email: `supervisor.${branch}@baladia.gov.kw`, governorateCode: g.code, role: "supervisor" });
      members.push({
        name: person(),
        email: `manager.${branch}@baladia.gov.kw`,
        governorateCode: g.code,
        role: "branch_manager",
      });
    }
    members.push({ name: person(), email: "admin@baladia.gov.kw", governorateCode: "KW-KU", role: "administrator" });
    // The Survey Department and the Ministry of Justice's registrars work every branch's certificates.
    for (let k = 1; k <= 2; k++) {
      members.push({ name: person(), email: `survey${k}@baladia.gov.kw`, governorateCode: "KW-KU", role: "survey_auditor" });
      members.push({ name: person(), email: `registrar${k}@moj.gov.kw`, governorateCode: "KW-KU", role: "moj_registrar" });
    }
    // Password hashing is the slow part and runs off the main thread: all at once.
    const credentials = await Promise.all(members.map((input) => addStaffMember({ ctx, input })));
    staffAdded = credentials.length;
    if (options.credentialsFile) {
      const lines = credentials.map((c, k) => ({
        email: members[k]?.email,
        role: members[k]?.role,
        password: c.password,
        totpSecret: c.totpSecret,
      }));
      await writeFile(options.credentialsFile, `${JSON.stringify(lines, null, 2)}\n`, { mode: 0o600 });
    }
  }
  const [plotCount] = await deps.store.read((db) => db.select({ n: count() }).from(plots));
  if ((plotCount?.n ?? 0) === 0) {
    const areaRows = await deps.store.read((db) =>
      db.select({ id: areas.id, governorateCode: areas.governorateCode }).from(areas),
    );
    await importPlots({ ctx, plots: demoPlots(areaRows) });
  }
  // A real photo from the shared data beside the 311 file serves as the demo's after-photo and violation photo.
  const afterPhoto = options.la311File
    ? await readFile(path.resolve(path.dirname(options.la311File), "../photos/photo_3.JPG"))
        .then((b) => new Uint8Array(b))
        .catch(() => null)
    : null;
  const certificates = await seedDemoCertificates(deps, afterPhoto);
  const kiosks = await seedDemoKiosks(deps, options.kioskKeysFile ?? null);
  const [caseCount] = await deps.store.read((db) => db.select({ n: count() }).from(cases));
  if ((caseCount?.n ?? 0) > 0) return { staff: staffAdded, reports: 0, certificates, kiosks };
  const ref = await deps.reference.get();
  if (ref.areaIndex.size === 0) return { staff: staffAdded, reports: 0, certificates, kiosks };

  const wanted = options.reports ?? 120;
  let kinds: string[] = [];
  if (options.la311File) {
    const la = JSON.parse(await readFile(options.la311File, "utf8")) as { service_name: string }[];
    kinds = la
      .map((r) => LA_TO_SERVICE[r.service_name])
      .filter((k): k is string => Boolean(k))
      .slice(0, wanted);
  }
  if (kinds.length === 0)
    kinds = Array.from({ length: wanted }, (_, i) => SERVICE_CATALOGUE[i % SERVICE_CATALOGUE.length]?.code ?? "GARBAGE");
  const bounds = await deps.store.read((db) =>
    db
      .select({ id: areas.id, minLat: areas.minLat, maxLat: areas.maxLat, minLng: areas.minLng, maxLng: areas.maxLng })
      .from(areas),
  );
  const random = mulberry32(20261128);
  let made = 0;
  for (const serviceCode of kinds) {
    const geo = bounds[Math.floor(random() * bounds.length)];
    if (!geo) continue;
    // A point inside the area's bounding box that the locator accepts.
    for (let attempt = 0; attempt < 20; attempt++) {
      const point = {
        lat: geo.minLat + random() * (geo.maxLat - geo.minLat),
        lng: geo.minLng + random() * (geo.maxLng - geo.minLng),
      };
      if (ref.areaIndex.locate(point)?.id !== geo.id) continue;
      const service = ref.services.get(serviceCode);
      const attributes = Object.fromEntries(
        (service?.attributes ?? []).filter((a) => a.required).map((a) => [a.code, a.values[0]?.key ?? "demo"]),
      );
      const result = await submitReport({
        ctx: { deps, actor: { kind: "citizen", ref: null } },
        input: {
          serviceCode,
          location: point,
          description: DESCRIPTIONS[serviceCode] ?? "",
          attributes,
          duplicatePolicy: "create",
        },
      });
      if (result.outcome === "created") await progress(deps, result.caseId, random(), afterPhoto);
      made++;
      break;
    }
  }
  return { staff: staffAdded, reports: made, certificates, kiosks };
}

/** Demo follow-up, so the timelines, the public list and "closed, not fixed" have something to show. */
const STEPS: { upTo: number; actions: [string, string | null][] }[] = [
  { upTo: 0.3, actions: [] },
  { upTo: 0.5, actions: [["start", "الفريق الميداني في طريقه إلى الموقع"]] },
  { upTo: 0.6, actions: [["schedule", "حُدّد موعد المعالجة خلال يومي عمل"]] },
  {
    upTo: 0.8,
    actions: [
      ["start", null],
      ["resolve_fixed", "عولجت المشكلة وأُرفقت صورة بعد المعالجة"],
    ],
  },
  {
    upTo: 0.9,
    actions: [
      ["resolve_not_fixed", "تعذّر الوصول إلى الموقع لأنه داخل ملكية خاصة"],
      ["close", null],
    ],
  },
  { upTo: 1, actions: [["resolve_not_responsible", "الموقع من اختصاص وزارة الأشغال العامة، وأُبلغت به"]] },
];

async function progress(deps: Deps, caseId: string, roll: number, afterPhoto: Uint8Array | null): Promise<void> {
  const step = STEPS.find((s) => roll < s.upTo);
  if (!step || step.actions.length === 0) return;
  const [row] = await deps.store.read((db) =>
    db
      .select({
        trackingNumber: cases.trackingNumber,
        staffId: staff.id,
        role: staff.role,
        gov: staff.governorateCode,
        dept: staff.departmentId,
      })
      .from(cases)
      .innerJoin(staff, eq(staff.id, cases.assignedStaffId))
      .where(eq(cases.id, caseId)),
  );
  if (!row) return;
  const ctx: Ctx = {
    deps,
    actor: { kind: "staff", staffId: row.staffId, role: row.role, governorateCode: row.gov, departmentId: row.dept },
  };
  for (const [action, note] of step.actions) {
    const photos = action === "resolve_fixed" ? (afterPhoto ? [{ bytes: afterPhoto }] : null) : [];
    if (!photos) return;
    await actOnCase({ ctx, input: { trackingNumber: row.trackingNumber, action, ...(note ? { note } : {}) }, photos });
  }
}
