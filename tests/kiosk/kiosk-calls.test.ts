import { acceptCall } from "@baladiya/api/domain/kiosk/accept-call";
import { attachIdCard } from "@baladiya/api/domain/kiosk/attach-id-card";
import { callEmployee } from "@baladiya/api/domain/kiosk/call-employee";
import { declineCall } from "@baladiya/api/domain/kiosk/decline-call";
import { dispatchCalls } from "@baladiya/api/domain/kiosk/dispatch-calls";
import { endCall } from "@baladiya/api/domain/kiosk/end-call";
import { endVisit } from "@baladiya/api/domain/kiosk/end-visit";
import { fileCertificateForVisitor } from "@baladiya/api/domain/kiosk/file-certificate-for-visitor";
import { fileComplaintForVisitor } from "@baladiya/api/domain/kiosk/file-complaint-for-visitor";
import { activateKiosk } from "@baladiya/api/domain/kiosk/activate-kiosk";
import { getKioskCall } from "@baladiya/api/domain/kiosk/get-kiosk-call";
import { getAgent } from "@baladiya/api/domain/kiosk/agent-view";
import { getKioskConfig } from "@baladiya/api/domain/kiosk/kiosk-config";
import { requestVisitCode } from "@baladiya/api/domain/kiosk/request-visit-code";
import { revokeKiosk } from "@baladiya/api/domain/kiosk/revoke-kiosk";
import { shareCallDocument } from "@baladiya/api/domain/kiosk/share-call-document";
import { startVisit } from "@baladiya/api/domain/kiosk/start-visit";
import { verifyVisitCode } from "@baladiya/api/domain/kiosk/verify-visit-code";
import { resolveSession } from "@baladiya/api/domain/session/resolve-session";
import { setPresence } from "@baladiya/api/domain/kiosk/set-presence";
import { DomainError } from "@baladiya/api/domain/errors";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeCivilId, PDF_BYTES, PNG_BYTES, seedPlots } from "../helpers/certificates";
import { activeKiosk, captureRelay, captureSms, identifiedVisitor, kioskAgent } from "../helpers/kiosk";
import { createTestSystem, type TestSystem } from "../helpers/system";

let sys: TestSystem;
beforeEach(async () => {
  sys = await createTestSystem({ policy: { kioskOfferSeconds: 20 } });
});
afterEach(async () => {
  await sys.close();
});

const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a domain error, got ${String(error)}`);
  return { code: error.code, message: error.message, issues: error.issues };
};

const count = async (query: string) =>
  Number((await sys.deps.store.read(async (db) => db.all<{ n: number }>(sql.raw(query))))[0]!.n);

describe("kiosk machines", () => {
  it("signs in with its device key; unknown keys, forged or expired tokens and a revoked kiosk are refused", async () => {
    const { kiosk, deviceKey, token, ctx } = await activeKiosk(sys);
    expect((await getKioskConfig({ ctx })).kiosk.id).toBe(kiosk.id);
    const anon = { deps: sys.deps, actor: { kind: "public" as const } };
    expect((await refused(activateKiosk({ ctx: anon, input: { deviceKey: `${deviceKey}x` } }))).code).toBe("UNAUTHENTICATED");
    expect(await resolveSession({ ctx: sys.system, token: `${token.slice(0, -4)}AAAA` })).toBeNull();
    expect((await refused(startVisit({ ctx: anon, input: { locale: "ar" } }))).code).toBe("UNAUTHENTICATED");
    sys.clock.advance(25 * 3_600_000);
    expect(await resolveSession({ ctx: sys.system, token })).toBeNull();
    await revokeKiosk({ ctx: sys.system, input: { kioskId: kiosk.id } });
    expect((await refused(activateKiosk({ ctx: anon, input: { deviceKey } }))).code).toBe("UNAUTHENTICATED");
  });
});

describe("identifying the visitor", () => {
  it("sends a code to the phone, limits wrong tries, and ties the visit to the resident's account", async () => {
    const sms = captureSms(sys);
    const { ctx: kiosk } = await activeKiosk(sys);
    const visit = await startVisit({ ctx: kiosk, input: { locale: "ar" } });
    const civilId = makeCivilId("900101", 4321);
    expect(
      (
        await refused(
          requestVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, civilId: "123456789012", phone: "99001122" } }),
        )
      ).issues[0]?.path,
    ).toEqual(["civilId"]);
    const sent = await requestVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, civilId, phone: "99001122" } });
    expect(sent.state).toBe("code_sent");
    expect(sent.phoneMasked).toBe("•••• ••22");
    expect(sms.at(-1)?.text).toMatch(/^رمز التحقق/);
    const code = sms.at(-1)!.code!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++)
      expect(
        (await refused(verifyVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, code: wrong } }))).issues[0]?.code,
      ).toBe("wrong_code");
    expect((await refused(verifyVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, code: wrong } }))).issues[0]?.code).toBe(
      "no_tries_left",
    );
    // Dead after five wrong tries, even with the right code.
    expect((await refused(verifyVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, code } }))).code).toBe(
      "UNAUTHENTICATED",
    );
    // Not identified: no ID card, no call.
    expect((await refused(callEmployee({ ctx: kiosk, input: { visitId: visit.visitId, service: "complaint" } }))).code).toBe(
      "UNAUTHENTICATED",
    );
    sys.clock.advance(31_000);
    await requestVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, civilId, phone: "99001122" } });
    const verified = await verifyVisitCode({ ctx: kiosk, input: { visitId: visit.visitId, code: sms.at(-1)!.code! } });
    expect(verified.state).toBe("verified");
    expect(await count(`select count(*) as n from citizens where phone = '99001122' and civil_id = '${civilId}'`)).toBe(1);
    // The card must be a photo.
    expect(
      (await refused(attachIdCard({ ctx: kiosk, input: { visitId: visit.visitId }, file: { name: "id.pdf", bytes: PDF_BYTES } })))
        .code,
    ).toBe("UNSUPPORTED_MEDIA");
    expect(
      (await refused(callEmployee({ ctx: kiosk, input: { visitId: visit.visitId, service: "complaint" } }))).issues[0]?.code,
    ).toBe("id_card_missing");

    // The same Civil ID with another phone is refused on the next visit.
    const again = await startVisit({ ctx: kiosk, input: { locale: "en" } });
    expect(
      (await refused(requestVisitCode({ ctx: kiosk, input: { visitId: again.visitId, civilId, phone: "99887766" } }))).issues[0]
        ?.code,
    ).toBe("phone_mismatch");
    // Visit after visit, a phone gets only a few codes an hour (five).
    for (let i = 0; i < 5; i++) {
      const v = await startVisit({ ctx: kiosk, input: { locale: "ar" } });
      await requestVisitCode({
        ctx: kiosk,
        input: { visitId: v.visitId, civilId: makeCivilId("910101", 10 + i * 7), phone: "55443322" },
      });
    }
    const flood = await startVisit({ ctx: kiosk, input: { locale: "ar" } });
    expect(
      (
        await refused(
          requestVisitCode({
            ctx: kiosk,
            input: { visitId: flood.visitId, civilId: makeCivilId("910101", 99), phone: "55443322" },
          }),
        )
      ).code,
    ).toBe("RATE_LIMITED");
    // Another kiosk cannot touch this kiosk's visit.
    const other = await activeKiosk(sys);
    expect(
      (
        await refused(
          startVisit({ ctx: kiosk, input: { locale: "ar" } }).then((v) =>
            endVisit({ ctx: other.ctx, input: { visitId: v.visitId, reason: "done" } }),
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("the call queue", () => {
  it("routes by skill, skips an employee who does not answer in time, keeps places and estimates, and refuses an answer without the specialty", async () => {
    const sms = captureSms(sys);
    const heard = captureRelay(sys);
    const { ctx: kiosk } = await activeKiosk(sys);
    const { ctx: kiosk2, kiosk: k2 } = await activeKiosk(sys);
    const certificates = await kioskAgent(sys, ["certificate"]);
    const first = await kioskAgent(sys, ["complaint", "inquiry"]);
    sys.clock.advance(1000);
    const second = await kioskAgent(sys, ["complaint"]);

    const v1 = await identifiedVisitor(sys, kiosk, sms);
    const c1 = await callEmployee({ ctx: kiosk, input: { visitId: v1.visitId, service: "complaint", recordingConsent: true } });
    // Offered at once to the complaint employee idle longest, never to the certificate one.
    expect(c1.state).toBe("offered");
    expect((await getAgent({ ctx: first.ctx }))?.offer?.callId).toBe(c1.callId);
    expect(heard.get(`staff:${first.staffId}`)?.some((m) => m.type === "offer" && m.callId === c1.callId)).toBe(true);
    expect((await getAgent({ ctx: certificates.ctx }))?.offer).toBeNull();
    expect((await refused(acceptCall({ ctx: certificates.ctx, input: { callId: c1.callId } }))).message).toMatch(/specialty/);

    // The second kiosk's visitor is offered to the other complaint employee.
    const v2 = await identifiedVisitor(sys, kiosk2, sms);
    const c2 = await callEmployee({ ctx: kiosk2, input: { visitId: v2.visitId, service: "complaint" } });
    expect((await getAgent({ ctx: second.ctx }))?.offer?.callId).toBe(c2.callId);
    // A third waits: first in line for complaints, with an estimate.
    const v3 = await identifiedVisitor(sys, kiosk, sms);
    await endVisit({ ctx: kiosk, input: { visitId: v1.visitId, reason: "cancelled" } });
    expect((await getAgent({ ctx: first.ctx }))?.offer?.callId).not.toBe(c1.callId);
    const c3 = await callEmployee({ ctx: kiosk, input: { visitId: v3.visitId, service: "complaint" } });
    // The first employee was freed when visitor 1 left, so the third call is offered to them.
    expect(c3.state).toBe("offered");
    expect((await getAgent({ ctx: first.ctx }))?.offer?.callId).toBe(c3.callId);

    // The second employee lets the offer run out: skipped, set away, and the call waits for the next one.
    sys.clock.advance(21_000);
    expect((await dispatchCalls({ ctx: sys.system, announce: false })).expired).toBe(2);
    expect((await getAgent({ ctx: second.ctx }))?.presence).toBe("away");
    expect(heard.get(`staff:${second.staffId}`)?.some((m) => m.type === "offer_withdrawn" && m.reason === "timeout")).toBe(true);
    const waiting = await getKioskCall({ ctx: kiosk2, input: { visitId: v2.visitId } });
    expect(waiting?.state).toBe("waiting");
    expect(waiting?.standing).toMatchObject({ position: 1, agentsOnline: 0 });
    expect(waiting?.standing?.estimatedWaitSeconds).toBeGreaterThan(0);
    const kioskHeard = heard.get(`kiosk:${k2.id}`)?.filter((m) => m.type === "call") ?? [];
    expect(kioskHeard.at(-1)).toMatchObject({ state: "waiting", standing: { position: 1 } });

    // Back available, the second employee is not offered the call they let go (c2, older) but the next one (c3).
    await setPresence({ ctx: second.ctx, input: { presence: "available" } });
    expect((await getAgent({ ctx: second.ctx }))?.offer?.callId).toBe(c3.callId);
    await setPresence({ ctx: first.ctx, input: { presence: "available" } });
    expect((await getAgent({ ctx: first.ctx }))?.offer?.callId).toBe(c2.callId);
    // Only the employee offered a call may take it while it is offered.
    expect((await refused(acceptCall({ ctx: first.ctx, input: { callId: c3.callId } }))).code).toBe("CONFLICT");
    const accepted = await acceptCall({ ctx: first.ctx, input: { callId: c2.callId } });
    expect(accepted.state).toBe("active");
    expect(accepted.visitor).toMatchObject({ civilId: v2.civilId, phone: v2.phone });
    // The console's map opens where the kiosk stands.
    expect(accepted.kiosk.location).toEqual({ lat: 29.3352, lng: 48.0689 });
    expect(accepted.documents.filter((d) => d.idCard)).toHaveLength(1);
    expect(heard.get(`staff:${first.staffId}`)?.some((m) => m.type === "connected" && m.callId === c2.callId)).toBe(true);
    expect(heard.get(`kiosk:${k2.id}`)?.some((m) => m.type === "connected" && m.callId === c2.callId)).toBe(true);
    // Declining: the call waits for someone else, and the employee is set away.
    await declineCall({ ctx: second.ctx, input: { callId: c3.callId } });
    expect((await getAgent({ ctx: second.ctx }))?.presence).toBe("away");
    expect((await getKioskCall({ ctx: kiosk, input: { visitId: v3.visitId } }))?.state).toBe("waiting");
    // The visitor walks away: the kiosk resets and the call leaves the queue.
    await endVisit({ ctx: kiosk, input: { visitId: v3.visitId, reason: "idle" } });
    expect((await getKioskCall({ ctx: kiosk, input: { visitId: v3.visitId } }))?.state).toBe("abandoned");
  });

  it("exchanges documents both ways, files a complaint and a certificate application for the visitor, and renders the receipt", async () => {
    const sms = captureSms(sys);
    const heard = captureRelay(sys);
    const plot = (await seedPlots(sys))[0]!;
    const { ctx: kiosk, kiosk: k } = await activeKiosk(sys);
    const agent = await kioskAgent(sys, ["complaint", "certificate"]);
    const visitor = await identifiedVisitor(sys, kiosk, sms);
    const call = await callEmployee({ ctx: kiosk, input: { visitId: visitor.visitId, service: "certificate" } });
    await acceptCall({ ctx: agent.ctx, input: { callId: call.callId } });

    // Not an image or a PDF: refused, nothing kept.
    expect(
      (
        await refused(
          shareCallDocument({
            ctx: kiosk,
            input: { visitId: visitor.visitId, callId: call.callId },
            file: { name: "notes.txt", bytes: new TextEncoder().encode("hello") },
          }),
        )
      ).code,
    ).toBe("UNSUPPORTED_MEDIA");
    const scan = await shareCallDocument({
      ctx: kiosk,
      input: { visitId: visitor.visitId, callId: call.callId },
      file: { name: "deed.pdf", bytes: PDF_BYTES },
    });
    const photo = await shareCallDocument({
      ctx: kiosk,
      input: { visitId: visitor.visitId, callId: call.callId },
      file: { name: "site.png", bytes: PNG_BYTES },
    });
    expect(
      heard
        .get(`staff:${agent.staffId}`)
        ?.filter((m) => m.type === "document")
        .map((m) => (m.type === "document" ? m.document.id : "")),
    ).toEqual([scan.id, photo.id]);
    const form = await shareCallDocument({
      ctx: agent.ctx,
      input: { callId: call.callId },
      file: { name: "form.pdf", bytes: PDF_BYTES },
    });
    expect(heard.get(`kiosk:${k.id}`)?.some((m) => m.type === "document" && m.document.id === form.id)).toBe(true);
    expect(await count("select count(*) as n from kiosk_documents")).toBe(4);

    const complaint = await fileComplaintForVisitor({
      ctx: agent.ctx,
      input: {
        callId: call.callId,
        serviceCode: "RUBBLE",
        location: { lat: 29.334776, lng: 48.067869 },
        description: "مخلفات بناء أمام الجمعية",
        documentIds: [photo.id],
      },
    });
    expect(complaint.kind).toBe("case");
    const row = (
      await sys.deps.store.read(async (db) =>
        db.all<{ source: string; citizen_id: string; reporter_civil_id: string }>(
          sql.raw(`select source, citizen_id, reporter_civil_id from cases where tracking_number = '${complaint.ref}'`),
        ),
      )
    )[0]!;
    expect(row.source).toBe("kiosk");
    expect(row.reporter_civil_id).toBe(visitor.civilId);
    expect(
      await count(
        `select count(*) as n from case_events e join cases c on c.id = e.case_id where c.tracking_number = '${complaint.ref}' and e.actor_id = '${agent.staffId}' and e.text like '%self-service kiosk%'`,
      ),
    ).toBe(1);
    expect(
      await count(
        `select count(*) as n from attachments a join cases c on c.id = a.case_id where c.tracking_number = '${complaint.ref}'`,
      ),
    ).toBe(1);
    expect(heard.get(`kiosk:${k.id}`)?.some((m) => m.type === "result" && m.result.ref === complaint.ref)).toBe(true);
    // A PDF is not a complaint's photo.
    expect(
      (
        await refused(
          fileComplaintForVisitor({
            ctx: agent.ctx,
            input: {
              callId: call.callId,
              serviceCode: "RUBBLE",
              location: { lat: 29.334776, lng: 48.067869 },
              description: "مخلفات",
              documentIds: [scan.id],
            },
          }),
        )
      ).code,
    ).toBe("VALIDATION");

    const idCard = (await getKioskCall({ ctx: kiosk, input: { visitId: visitor.visitId } }))!;
    expect(idCard.documents.some((d) => d.idCard)).toBe(false);
    const application = await fileCertificateForVisitor({
      ctx: agent.ctx,
      input: {
        callId: call.callId,
        application: {
          property: {
            governorateCode: plot.governorateCode,
            areaId: plot.areaId,
            block: plot.block,
            plot: plot.plot,
            planNumber: plot.planNumber,
          },
          ownerCivilId: visitor.civilId,
          applicantCivilId: visitor.civilId,
          purpose: "sale",
        },
        documents: [
          { kind: "title_deed", documentId: scan.id },
          { kind: "owner_civil_id", documentId: photo.id },
        ],
      },
    });
    expect(application.ref).toMatch(/^PD-HA-\d{4}-\d{6}$/);
    expect(
      await count(
        `select count(*) as n from certificate_applications where number = '${application.ref}' and filed_by = '${agent.staffId}'`,
      ),
    ).toBe(1);
    const results = (await getKioskCall({ ctx: kiosk, input: { visitId: visitor.visitId } }))!.results;
    expect(results.map((r) => r.ref)).toEqual([complaint.ref, application.ref]);
    expect(results[0]!.trackUrl).toMatch(new RegExp(`/track/${complaint.ref}#t=`));

    await endCall({ ctx: agent.ctx, input: { callId: call.callId } });
    expect((await getAgent({ ctx: agent.ctx }))?.presence).toBe("available");
    // Every step is in the audit log (and so in the ledger).
    expect(await count(`select count(*) as n from audit_log where action like 'kiosk.%'`)).toBeGreaterThanOrEqual(12);
  });
});
