import { count, eq } from "drizzle-orm";
import type { PropertyDescription } from "@baladiya/shared/certificate";
import { certificateApplications, plots, staff } from "../../db/schema";
import { applyForCertificate } from "../../domain/certificate/apply-for-certificate";
import { decideCertificate } from "../../domain/certificate/decide-certificate";
import { getStaffApplication } from "../../domain/certificate/get-staff-application";
import type { CertificateAction } from "@baladiya/shared/certificate";
import type { Ctx, Deps } from "../../domain/context";

/** A one-page PDF standing in for a scanned paper. */
const SCAN = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const DESCRIPTION: PropertyDescription = {
  landAreaM2: 750,
  builtAreaM2: 1140,
  floors: 3,
  units: 2,
  use: "private_residential",
  matchesLicence: false,
  licenceNote: "دور ثالث وملحق على السطح غير مرخّصين",
  violations: [
    { code: "extra_floor", note: "دور ثالث بمساحة ٣٢٠ م² دون ترخيص" },
    { code: "annex", note: "ملحق على السطح" },
  ],
};

/** Civil IDs with valid check digits, for the demonstration only. */
const CIVIL_IDS = ["285041512346", "290010143214", "278112300178", "301020300368", "288070700227"];

/**
 * Demonstration certificate applications in the Hawalli branch at every stage of the route — at
 * the counter, with the inspector, at the Survey Department, with the Ministry, and issued — so the
 * staff queues and the tracking and verification pages have something to show.
 */
export async function seedDemoCertificates(deps: Deps, photo: Uint8Array | null): Promise<number> {
  const [existing] = await deps.store.read((db) => db.select({ n: count() }).from(certificateApplications));
  if ((existing?.n ?? 0) > 0) return 0;
  const people = await deps.store.read((db) => db.select().from(staff));
  const person = (role: string, gov: string | null): Ctx | null => {
    const s = people.find((p) => p.role === role && (gov === null || p.governorateCode === gov));
    return s
      ? {
          deps,
          actor: { kind: "staff", staffId: s.id, role: s.role, governorateCode: s.governorateCode, departmentId: s.departmentId },
        }
      : null;
  };
  const clerk = person("clerk", "KW-HA");
  const surveyor = person("survey_auditor", null);
  const registrar = person("moj_registrar", null);
  const branchPlots = await deps.store.read((db) => db.select().from(plots).where(eq(plots.governorateCode, "KW-HA")).limit(5));
  if (!clerk || !surveyor || !registrar || branchPlots.length < 5) return 0;
  const decide = async (ctx: Ctx, number: string, action: CertificateAction, extra: Record<string, unknown> = {}) => {
    const seen = await getStaffApplication({ ctx, input: { number } });
    const files = action === "submit_description" && photo ? [{ field: "photo", name: "violation.jpg", bytes: photo }] : [];
    return decideCertificate({ ctx, input: { number, action, expectedStep: seen.stepCount, ...extra }, files });
  };
  const routes: CertificateAction[][] = [
    [],
    ["accept_documents"],
    ["accept_documents", "submit_description"],
    ["accept_documents", "submit_description", "approve_survey"],
    ["accept_documents", "submit_description", "approve_survey", "register"],
  ];
  let made = 0;
  for (const [i, route] of routes.entries()) {
    const plot = branchPlots[i]!;
    const { number } = await applyForCertificate({
      ctx: clerk,
      input: {
        property: {
          governorateCode: "KW-HA",
          areaId: plot.areaId,
          block: plot.block,
          plot: plot.plot,
          planNumber: plot.planNumber,
        },
        ownerCivilId: CIVIL_IDS[i]!,
        applicantCivilId: CIVIL_IDS[(i + 1) % CIVIL_IDS.length]!,
        purpose: i % 2 === 0 ? "sale" : "mortgage",
        phone: `9655${String(1000000 + i).slice(-7)}`,
      },
      files: [
        { field: "title_deed", name: "وثيقة الملكية.pdf", bytes: SCAN },
        { field: "owner_civil_id", name: "البطاقة المدنية.pdf", bytes: SCAN },
      ],
    });
    for (const action of route) {
      if (action === "submit_description") {
        const assigned = (await getStaffApplication({ ctx: clerk, input: { number } })).assignee;
        const inspector = people.find((p) => p.id === assigned?.id);
        if (!inspector) break;
        const ctx: Ctx = {
          deps,
          actor: {
            kind: "staff",
            staffId: inspector.id,
            role: inspector.role,
            governorateCode: inspector.governorateCode,
            departmentId: inspector.departmentId,
          },
        };
        await decide(ctx, number, action, { description: DESCRIPTION });
      } else
        await decide(action === "accept_documents" ? clerk : action === "approve_survey" ? surveyor : registrar, number, action);
    }
    made++;
  }
  return made;
}
