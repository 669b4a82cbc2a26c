import { applyForCertificate } from "@baladiya/api/domain/certificate/apply-for-certificate";
import { escalateCertificates } from "@baladiya/api/domain/certificate/escalate-certificates";
import { getStaffApplication } from "@baladiya/api/domain/certificate/get-staff-application";
import { listCertificateQueue } from "@baladiya/api/domain/certificate/list-certificate-queue";
import { resubmitCertificate } from "@baladiya/api/domain/certificate/resubmit-certificate";
import { revokeCertificate } from "@baladiya/api/domain/certificate/revoke-certificate";
import { trackApplication } from "@baladiya/api/domain/certificate/track-application";
import { verifyCertificate } from "@baladiya/api/domain/certificate/verify-certificate";
import { decideCertificate } from "@baladiya/api/domain/certificate/decide-certificate";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import { drainOutbox } from "@baladiya/api/domain/outbox/drain-outbox";
import { resolveSession } from "@baladiya/api/domain/session/resolve-session";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applicationInput,
  certificateTeam,
  decide,
  DESCRIPTION,
  issueOne,
  makeCivilId,
  PNG_BYTES,
  requiredFiles,
  seedPlots,
  type CertificateTeam,
} from "../helpers/certificates";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let team: CertificateTeam;
let plots: Awaited<ReturnType<typeof seedPlots>>;
beforeEach(async () => {
  sys = await createTestSystem({ start: new Date("2026-11-29T06:00:00Z") }); // a Sunday morning in Kuwait
  plots = await seedPlots(sys);
  team = await certificateTeam(sys);
});
afterEach(async () => {
  await sys.close();
});

const count = async (table: string) =>
  Number((await sys.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))))[0]!.n);
const plot = () => plots[0]!;

describe("the property description certificate", () => {
  it("goes from the branch to the inspector, the Survey Department and the Ministry with four employees, each step signed and logged", async () => {
    const { number, token } = await applyForCertificate({
      ctx: sys.citizen,
      input: applicationInput(plot()),
      files: requiredFiles(),
    });
    expect(number).toMatch(/^PD-HA-2026-\d{6}$/);
    let tracked = await trackApplication({ ctx: { deps: sys.deps, actor: { kind: "public" } }, input: { number, token } });
    expect(tracked.state).toBe("intake");
    expect(tracked.stages.find((s) => s.status === "current")).toMatchObject({
      state: "intake",
      department: { en: "Branch customer service" },
    });
    expect(tracked.dueAt).not.toBeNull();
    expect(tracked.ownerCivilId).toMatch(/^•+\d{4}$/);

    // The clerk's queue has it; accepting sends it to the branch's inspector automatically.
    expect((await listCertificateQueue({ ctx: team.clerk.ctx, input: {} })).items.map((i) => i.number)).toContain(number);
    const accepted = await decide(team.clerk.ctx, number, "accept_documents");
    expect(accepted).toMatchObject({ state: "inspection", assignee: { id: team.inspector.staffId } });
    expect((await listCertificateQueue({ ctx: team.inspector.ctx, input: {} })).items.map((i) => i.number)).toEqual([number]);

    await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION }, [
      { field: "photo", name: "v.png", bytes: PNG_BYTES },
    ]);
    expect((await listCertificateQueue({ ctx: team.surveyor.ctx, input: {} })).items.map((i) => i.number)).toContain(number);
    await decide(team.surveyor.ctx, number, "approve_survey");
    const issued = await decide(team.registrar.ctx, number, "register");
    expect(issued.state).toBe("issued");
    expect(issued.certificate).toMatchObject({ status: "valid", number: expect.stringMatching(/^DC-HA-2026-\d{6}$/) });

    // Four different people signed, each with their own key, chained step to step.
    expect(new Set(issued.steps.map((s) => s.keyId)).size).toBe(4);
    expect(issued.steps.map((s) => s.role)).toEqual(["clerk", "inspector", "survey_auditor", "moj_registrar"]);
    tracked = await trackApplication({ ctx: { deps: sys.deps, actor: { kind: "public" } }, input: { number, token } });
    expect(tracked.stages.every((s) => s.status === "done")).toBe(true);
    expect(tracked.documents.map((d) => d.kind).sort()).toEqual(["owner_civil_id", "title_deed", "violation_photo"]);

    const verdict = await verifyCertificate({
      ctx: { deps: sys.deps, actor: { kind: "public" } },
      input: { number: issued.certificate!.number },
    });
    expect(verdict).toMatchObject({ verdict: "valid", problems: [] });
    expect(verdict.stages.every((s) => s.signatureValid)).toBe(true);
    expect(verdict.ledger).not.toBeNull();
    // No personal data on the public page.
    expect(JSON.stringify({ ...verdict, ledger: null })).not.toContain(applicationInput(plot()).ownerCivilId);

    // Every step, the key creations and the issue are ledger leaves naming the application; the log is intact.
    const leaves = await sys.deps.store.read(async (db) =>
      db.all<{ n: number }>(
        sql`select count(*) as n from ledger_entries where subject_type = 'certificate' and subject_id = ${issued.id}`,
      ),
    );
    expect(Number(leaves[0]!.n)).toBe(1 + 4 + 1); // applied, four decisions, issued
    expect((await verifyLedger({ ctx: sys.system })).problems).toEqual([]);
  });

  it("loops back to the applicant at intake and to the inspector at the Survey audit, with reasons", async () => {
    const { number, token } = await applyForCertificate({
      ctx: sys.citizen,
      input: applicationInput(plot()),
      files: requiredFiles(),
    });
    await expect(decide(team.clerk.ctx, number, "return_documents")).rejects.toMatchObject({ code: "VALIDATION" });
    await decide(team.clerk.ctx, number, "return_documents", { reason: "وثيقة الملكية غير واضحة" });
    const pub = { deps: sys.deps, actor: { kind: "public" as const } };
    let mine = await trackApplication({ ctx: pub, input: { number, token } });
    expect(mine).toMatchObject({ state: "returned_to_applicant", canResubmit: true, returnReason: "وثيقة الملكية غير واضحة" });
    mine = await resubmitCertificate({
      ctx: pub,
      input: { number, token, expectedStep: mine.stepCount, note: "نسخة أوضح" },
      files: [{ field: "title_deed", name: "deed2.pdf", bytes: requiredFiles()[0]!.bytes }],
    });
    expect(mine.state).toBe("intake");
    await decide(team.clerk.ctx, number, "accept_documents");
    await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION });
    await decide(team.surveyor.ctx, number, "return_to_inspector", { reason: "المساحة المبنية لا تطابق المخطط" });
    const back = await getStaffApplication({ ctx: team.inspector.ctx, input: { number } });
    expect(back).toMatchObject({
      state: "inspection",
      assignee: { id: team.inspector.staffId },
      actions: ["submit_description"],
    });
    await decide(team.inspector.ctx, number, "submit_description", { description: { ...DESCRIPTION, builtAreaM2: 980 } });
    // The same auditor may look again after the inspector's correction: the workflow's loop.
    await decide(team.surveyor.ctx, number, "approve_survey");
    const done = await decide(team.registrar.ctx, number, "register");
    expect(done.steps.map((s) => s.action)).toEqual([
      "return_documents",
      "resubmit",
      "accept_documents",
      "submit_description",
      "return_to_inspector",
      "submit_description",
      "approve_survey",
      "register",
    ]);
    expect(done.description?.builtAreaM2).toBe(980);
    // The certificate carries every step, the applicant's unsigned resubmission too, chained.
    const verdict = await verifyCertificate({ ctx: pub, input: { number: done.certificate!.number } });
    expect(verdict).toMatchObject({ verdict: "valid", problems: [] });
    expect(verdict.stages.map((s) => s.action)).toEqual(done.steps.map((s) => s.action));
  });

  it("rejects separation-of-duties violations: one person acts in one stage of an application", async () => {
    const { number } = await applyForCertificate({ ctx: sys.citizen, input: applicationInput(plot()), files: requiredFiles() });
    await decide(team.clerk.ctx, number, "accept_documents");
    await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION });
    // The inspector is moved to the Survey Department: they still may not audit what they described.
    await sys.deps.store.write(async (db) =>
      db.run(sql`update staff set role = 'survey_auditor' where id = ${team.inspector.staffId}`),
    );
    const moved = await resolveSession({ ctx: sys.system, token: team.inspector.token });
    const asAuditor = { deps: sys.deps, actor: moved! };
    const view = await getStaffApplication({ ctx: asAuditor, input: { number } });
    expect(view.actions).toEqual([]);
    expect(view.barred).toMatch(/inspection stage/);
    await expect(decide(asAuditor, number, "approve_survey")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Separation of duties/),
    });
    expect((await getStaffApplication({ ctx: team.surveyor.ctx, input: { number } })).stepCount).toBe(2);
    // A supervisor cannot hand the inspection to the clerk who checked the documents either.
    await sys.deps.store.write(async (db) =>
      db.run(sql`update certificate_applications set state = 'inspection' where number = ${number}`),
    );
    await sys.deps.store.write(async (db) => db.run(sql`update staff set role = 'inspector' where id = ${team.clerk.staffId}`));
    await expect(
      decide(team.supervisor.ctx, number, "reassign", { assigneeId: team.clerk.staffId, reason: "إعادة توزيع" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const pub = sys.citizen;
    const bad = async (input: unknown, files = requiredFiles()) => {
      await expect(applyForCertificate({ ctx: pub, input, files })).rejects.toMatchObject({ code: "VALIDATION" });
    };
    await bad(applicationInput(plot(), { ownerCivilId: "285041512345" }));
    await bad(applicationInput(plot(), { applicantCivilId: "12345" }));
    await bad(applicationInput({ ...plot(), plot: "999" }));
    await bad(applicationInput({ ...plot(), planNumber: "م/999999" }));
    await bad(applicationInput(plot()), [requiredFiles()[1]!]);
    await bad(applicationInput(plot()), [
      ...requiredFiles(),
      { field: "title_deed", name: "x.exe", bytes: new TextEncoder().encode("MZ not a pdf") },
    ]);
    expect(await count("certificate_applications")).toBe(0);
    expect(await count("certificate_documents")).toBe(0);

    const { number } = await applyForCertificate({ ctx: pub, input: applicationInput(plot()), files: requiredFiles() });
    const steps = await count("certificate_steps");
    // Out of turn, wrong role, another branch, a replayed decision.
    await expect(decide(team.registrar.ctx, number, "register")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(decide(team.inspector.ctx, number, "accept_documents")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherClerk = await staffSession(sys, { governorateCode: "KW-JA", role: "clerk" });
    await expect(decide(otherClerk.ctx, number, "accept_documents")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await decideCertificate({ ctx: team.clerk.ctx, input: { number, action: "accept_documents", expectedStep: 0 } });
    await expect(
      decideCertificate({ ctx: team.clerk.ctx, input: { number, action: "accept_documents", expectedStep: 0 } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      decideCertificate({
        ctx: team.inspector.ctx,
        input: { number, action: "submit_description", expectedStep: 1, description: { ...DESCRIPTION, floors: -1 } },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await count("certificate_steps")).toBe(steps + 1);
    expect((await getStaffApplication({ ctx: team.clerk.ctx, input: { number } })).state).toBe("inspection");
    // The applicant's page needs the token.
    await expect(trackApplication({ ctx: pub, input: { number, token: "x".repeat(32) } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("escalates a stage past its target to the supervisors, then to the branch manager, on the working calendar", async () => {
    await staffSession(sys, { governorateCode: "KW-HA", role: "branch_manager" });
    const { number } = await applyForCertificate({
      ctx: sys.citizen,
      input: applicationInput(plot(), { phone: "96551234567" }),
      files: requiredFiles(),
    });
    await decide(team.clerk.ctx, number, "accept_documents");
    expect(await escalateCertificates({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 0 });
    sys.clock.advance(4 * 86_400_000); // Thursday 09:00: the 72 working hours of the inspection ran out on Wednesday
    expect(await escalateCertificates({ ctx: sys.system })).toEqual({ toSupervisor: 1, toManager: 0 });
    expect(await escalateCertificates({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 0 });
    const overdue = await listCertificateQueue({ ctx: team.supervisor.ctx, input: { scope: "all", overdue: true } });
    expect(overdue.items).toMatchObject([{ number, overdue: true, escalationLevel: 1 }]);
    sys.clock.advance(7 * 86_400_000);
    expect(await escalateCertificates({ ctx: sys.system })).toEqual({ toSupervisor: 0, toManager: 1 });
    // The inspector's description resets the target for the next stage.
    const next = await decide(team.inspector.ctx, number, "submit_description", { description: DESCRIPTION });
    expect(next).toMatchObject({ state: "survey_audit", escalationLevel: 0, overdue: false });
    // The supervisor and then the branch manager were e-mailed; the applicant got a text at each step.
    await drainOutbox({ ctx: sys.system });
    const sent = await sys.deps.store.read(async (db) =>
      db.all<{ topic: string; channel: string; recipient: string }>(
        sql`select topic, channel, recipient from notification_deliveries order by created_at`,
      ),
    );
    expect(sent.filter((d) => d.topic === "certificate.escalation").map((d) => d.channel)).toEqual(["email", "email"]);
    expect(sent.filter((d) => d.topic === "certificate.updated")).toContainEqual(
      expect.objectContaining({ channel: "sms", recipient: "96551234567" }),
    );
  });

  it("shows a certificate whose row was edited behind the application's back as invalid", async () => {
    const { issued } = await issueOne(sys, team, plot());
    const cert = issued.certificate!.number;
    const pub = { deps: sys.deps, actor: { kind: "public" as const } };
    expect((await verifyCertificate({ ctx: pub, input: { number: cert } })).verdict).toBe("valid");
    await sys.deps.store.write(async (db) =>
      db.run(sql`update certificates set document = replace(document, '"floors":3', '"floors":2') where number = ${cert}`),
    );
    const forged = await verifyCertificate({ ctx: pub, input: { number: cert } });
    expect(forged.verdict).toBe("invalid");
    expect(forged.problems.join(" ")).toMatch(/hashes to/);
    // Rewriting the hash to match is caught by the ledger.
    const [row] = await sys.deps.store.read(async (db) =>
      db.all<{ document: string }>(sql`select document from certificates where number = ${cert}`),
    );
    const { documentContentHash } = await import("@baladiya/shared/certificate-seal");
    await sys.deps.store.write(async (db) =>
      db.run(
        sql`update certificates set content_hash = ${documentContentHash(JSON.parse(row!.document))} where number = ${cert}`,
      ),
    );
    expect((await verifyCertificate({ ctx: pub, input: { number: cert } })).problems.join(" ")).toMatch(
      /ledger records another content hash/,
    );
  });

  it("supersedes a plot's earlier certificate when a new one is issued", async () => {
    const first = await issueOne(sys, team, plot());
    const second = await issueOne(sys, await certificateTeam(sys), plot());
    const pub = { deps: sys.deps, actor: { kind: "public" as const } };
    expect(await verifyCertificate({ ctx: pub, input: { number: first.issued.certificate!.number } })).toMatchObject({
      verdict: "superseded",
      supersededBy: second.issued.certificate!.number,
    });
    expect((await verifyCertificate({ ctx: pub, input: { number: second.issued.certificate!.number } })).verdict).toBe("valid");
  });

  it("lets the branch manager revoke a certificate with a reason, which its verification then shows", async () => {
    const { issued } = await issueOne(sys, team, plot());
    const cert = issued.certificate!.number;
    const manager = await staffSession(sys, { governorateCode: "KW-HA", role: "branch_manager" });
    await expect(
      revokeCertificate({ ctx: team.clerk.ctx, input: { number: cert, reason: "وصف غير مطابق" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherManager = await staffSession(sys, { governorateCode: "KW-JA", role: "branch_manager" });
    await expect(
      revokeCertificate({ ctx: otherManager.ctx, input: { number: cert, reason: "وصف غير مطابق" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const revoked = await revokeCertificate({ ctx: manager.ctx, input: { number: cert, reason: "الوصف لا يطابق الواقع" } });
    expect(revoked).toMatchObject({ verdict: "revoked", revokedReason: "الوصف لا يطابق الواقع", problems: [] });
    await expect(revokeCertificate({ ctx: manager.ctx, input: { number: cert, reason: "مرة أخرى" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("lets a clerk file an application for a walk-in resident of their branch only", async () => {
    const filed = await applyForCertificate({ ctx: team.clerk.ctx, input: applicationInput(plot()), files: requiredFiles() });
    expect(filed.number).toMatch(/^PD-HA-/);
    const jahra = await seedPlots(sys, "KW-JA");
    await expect(
      applyForCertificate({ ctx: team.clerk.ctx, input: applicationInput(jahra[0]!), files: requiredFiles() }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(makeCivilId()).toHaveLength(12);
  });
});
