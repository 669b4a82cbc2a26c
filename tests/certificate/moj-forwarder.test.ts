import { createHttpMojGateway } from "@baladiya/api/adapters/web/http-moj-gateway";
import { applyForCertificate } from "@baladiya/api/domain/certificate/apply-for-certificate";
import { getStaffApplication } from "@baladiya/api/domain/certificate/get-staff-application";
import { runCertificateJobs } from "@baladiya/api/domain/certificate/run-certificate-jobs";
import { verifyCertificate } from "@baladiya/api/domain/certificate/verify-certificate";
import { certificateJobs } from "@baladiya/api/db/schema";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applicationInput,
  certificateTeam,
  decide,
  DESCRIPTION,
  requiredFiles,
  seedPlots,
  type CertificateTeam,
} from "../helpers/certificates";
import { startFakeMoj } from "../helpers/fake-moj";
import { createTestSystem, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let team: CertificateTeam;
let moj: Awaited<ReturnType<typeof startFakeMoj>>;
let rejectNext = false;
beforeEach(async () => {
  sys = await createTestSystem({ start: new Date("2026-11-29T06:00:00Z") });
  moj = await startFakeMoj({
    decide: () => (rejectNext ? { decision: "rejected", reason: "العقار مرهون لدى جهة أخرى" } : { decision: "registered" }),
  });
  sys.deps.moj = createHttpMojGateway({ endpoint: moj.endpoint, publicKey: moj.publicKey });
  team = await certificateTeam(sys);
  rejectNext = false;
});
afterEach(async () => {
  await moj.close();
  await sys.close();
});

/** An application audited by the Survey Department: it now waits for the Ministry. */
async function audited() {
  const plot = (await seedPlots(sys))[0]!;
  const { number } = await applyForCertificate({ ctx: sys.citizen, input: applicationInput(plot), files: requiredFiles() });
  await decide(team.clerk.ctx, number, "accept_documents");
  await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION });
  await decide(team.surveyor.ctx, number, "approve_survey");
  return number;
}

const forwardJobs = () =>
  sys.deps.store.read(async (db) => db.select().from(certificateJobs).where(eq(certificateJobs.kind, "moj_forward")));

describe("the Ministry of Justice forwarder", () => {
  it("posts the signed package, retries with back-off while the Ministry is down, and takes its signed receipt as the registration", async () => {
    const number = await audited();
    moj.failNext(2);
    expect(await runCertificateJobs({ ctx: sys.system })).toMatchObject({ done: 0, retrying: 1 });
    let [job] = await forwardJobs();
    expect(job).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("503") });
    // Not due again until its back-off has passed.
    expect(await runCertificateJobs({ ctx: sys.system })).toMatchObject({ done: 0, retrying: 0 });
    sys.clock.advance(2_500);
    expect(await runCertificateJobs({ ctx: sys.system })).toMatchObject({ retrying: 1 });
    sys.clock.advance(5_000);
    expect((await runCertificateJobs({ ctx: sys.system })).done).toBeGreaterThanOrEqual(1);

    [job] = await forwardJobs();
    expect(job).toMatchObject({ status: "done", attempts: 3 });
    expect(JSON.parse(job!.receipt!)).toMatchObject({ receiptId: "MOJ-1", decision: "registered" });
    const pkg = moj.received[0]!;
    expect(pkg.applicationNumber).toBe(number);
    expect((JSON.parse(pkg.document) as { steps: unknown[] }).steps).toHaveLength(3);

    const view = await getStaffApplication({ ctx: team.supervisor.ctx, input: { number } });
    expect(view.state).toBe("issued");
    expect(view.steps.at(-1)).toMatchObject({ action: "register", role: "moj_integration", signature: expect.any(String) });
    const verdict = await verifyCertificate({
      ctx: { deps: sys.deps, actor: { kind: "public" } },
      input: { number: view.certificate!.number },
    });
    expect(verdict.verdict).toBe("valid");
    expect(verdict.stages.map((s) => [s.role, s.signatureValid])).toContainEqual(["moj_integration", true]);
  });

  it("records the Ministry's signed rejection with its reason", async () => {
    const number = await audited();
    rejectNext = true;
    await runCertificateJobs({ ctx: sys.system });
    const view = await getStaffApplication({ ctx: team.supervisor.ctx, input: { number } });
    expect(view.state).toBe("rejected");
    expect(view.steps.at(-1)).toMatchObject({ action: "reject", reason: "العقار مرهون لدى جهة أخرى" });
    expect(view.certificate).toBeNull();
  });

  it("refuses a receipt that the Ministry's key did not sign, and changes nothing", async () => {
    const number = await audited();
    sys.deps.moj = createHttpMojGateway({ endpoint: moj.endpoint, publicKey: "ab".repeat(32) });
    expect(await runCertificateJobs({ ctx: sys.system })).toMatchObject({ retrying: 1 });
    const [job] = await forwardJobs();
    expect(job!.lastError).toMatch(/signature does not verify/);
    expect((await getStaffApplication({ ctx: team.supervisor.ctx, input: { number } })).state).toBe("registration");
  });
});
