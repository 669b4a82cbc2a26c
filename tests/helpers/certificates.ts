import { applyForCertificate } from "@baladiya/api/domain/certificate/apply-for-certificate";
import { decideCertificate } from "@baladiya/api/domain/certificate/decide-certificate";
import { getStaffApplication } from "@baladiya/api/domain/certificate/get-staff-application";
import { demoPlots, importPlots } from "@baladiya/api/domain/certificate/seed-plots";
import type { Ctx } from "@baladiya/api/domain/context";
import { areas } from "@baladiya/api/db/schema";
import type { ApplyCertificateInput, CertificateAction, PropertyDescription } from "@baladiya/shared/certificate";
import { isValidCivilId } from "@baladiya/shared/civil-id";
import { asc, eq } from "drizzle-orm";
import { staffSession, type TestSystem } from "./system";

/** A valid Civil ID for a birth date, with the check digit computed (first serial that yields one). */
export function makeCivilId(birth = "850415", serial = 1234): string {
  for (let s = serial; s < serial + 100; s++) {
    const body = `2${birth}${String(s % 10000).padStart(4, "0")}`;
    for (let k = 0; k <= 9; k++) if (isValidCivilId(`${body}${k}`)) return `${body}${k}`;
  }
  throw new Error("no valid Civil ID found");
}

/** The demonstration register for the areas of one governorate; returns the first area's first plot. */
export async function seedPlots(sys: TestSystem, governorateCode = "KW-HA") {
  const rows = await sys.deps.store.read((db) =>
    db
      .select({ id: areas.id, governorateCode: areas.governorateCode })
      .from(areas)
      .where(eq(areas.governorateCode, governorateCode))
      .orderBy(asc(areas.id)),
  );
  const plots = demoPlots(rows);
  await importPlots({ ctx: sys.system, plots });
  return plots;
}

/** A tiny real PDF and PNG, as a scanner would send them. */
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
export const PNG_BYTES = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export const requiredFiles = () => [
  { field: "title_deed", name: "deed.pdf", bytes: PDF_BYTES },
  { field: "owner_civil_id", name: "civil-id.png", bytes: PNG_BYTES },
];

export function applicationInput(
  plot: { governorateCode: string; areaId: string; block: string; plot: string; planNumber: string },
  over: Partial<ApplyCertificateInput> = {},
): ApplyCertificateInput {
  return {
    property: {
      governorateCode: plot.governorateCode as "KW-HA",
      areaId: plot.areaId,
      block: plot.block,
      plot: plot.plot,
      planNumber: plot.planNumber,
    },
    ownerCivilId: makeCivilId("850415", 1234),
    applicantCivilId: makeCivilId("900101", 4321),
    purpose: "sale",
    ...over,
  };
}

export const DESCRIPTION: PropertyDescription = {
  landAreaM2: 750,
  builtAreaM2: 1100,
  floors: 3,
  units: 2,
  use: "private_residential",
  matchesLicence: false,
  licenceNote: "دور ثالث غير مرخّص",
  violations: [{ code: "extra_floor", note: "دور ثالث بمساحة ٣٠٠ م² دون ترخيص" }],
};

/** The four employees of a certificate's route, and a supervisor, each a different person. */
export async function certificateTeam(sys: TestSystem, governorateCode = "KW-HA") {
  return {
    clerk: await staffSession(sys, { governorateCode, role: "clerk" }),
    inspector: await staffSession(sys, { governorateCode, role: "inspector", departmentKind: "building" }),
    surveyor: await staffSession(sys, { governorateCode: "KW-KU", role: "survey_auditor" }),
    registrar: await staffSession(sys, { governorateCode: "KW-KU", role: "moj_registrar" }),
    supervisor: await staffSession(sys, { governorateCode, role: "supervisor" }),
  };
}
export type CertificateTeam = Awaited<ReturnType<typeof certificateTeam>>;

/** A decision as the staff app sends it, with the step count the employee saw. */
export async function decide(
  ctx: Ctx,
  number: string,
  action: CertificateAction,
  extra: Record<string, unknown> = {},
  files = [] as { field: string; name: string; bytes: Uint8Array }[],
) {
  const seen = await getStaffApplication({ ctx, input: { number } });
  return decideCertificate({ ctx, input: { number, action, expectedStep: seen.stepCount, ...extra }, files });
}

/** Files an application and takes it through the whole route to an issued certificate. */
export async function issueOne(sys: TestSystem, team: CertificateTeam, plot: Parameters<typeof applicationInput>[0]) {
  const { number, token } = await applyForCertificate({
    ctx: sys.citizen,
    input: applicationInput(plot),
    files: requiredFiles(),
  });
  await decide(team.clerk.ctx, number, "accept_documents");
  await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION }, [
    { field: "photo", name: "v.png", bytes: PNG_BYTES },
  ]);
  await decide(team.surveyor.ctx, number, "approve_survey");
  const issued = await decide(team.registrar.ctx, number, "register");
  return { number, token, issued };
}
