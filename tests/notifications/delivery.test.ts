import { createSmtpEmailSender, parseSmtpUrl } from "@baladiya/api/adapters/node/smtp-email-sender";
import { auditLog, notificationDeliveries, outbox } from "@baladiya/api/db/schema";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { addCaseInfo } from "@baladiya/api/domain/case/add-case-info";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { listFailedDeliveries } from "@baladiya/api/domain/notifications/list-failed-deliveries";
import { retryDelivery } from "@baladiya/api/domain/notifications/retry-delivery";
import { drainOutbox, OUTBOX_MAX_ATTEMPTS } from "@baladiya/api/domain/outbox/drain-outbox";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { north, POINTS } from "../helpers/points";
import { startSmtpSink } from "../helpers/smtp-sink";
import { capturingLogger, createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let log: ReturnType<typeof capturingLogger>;
beforeEach(async () => {
  log = capturingLogger();
  sys = await createTestSystem({ log });
  sink = await startSmtpSink();
  sys.deps.email = createSmtpEmailSender(parseSmtpUrl(sink.url(), "no-reply@baladia.gov.kw"));
});
afterEach(async () => {
  await sink.close();
  await sys.close();
});

const report = (over: Record<string, unknown>) => ({
  serviceCode: "GARBAGE",
  location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
  duplicatePolicy: "create",
  ...over,
});
const sms = () => log.lines.filter((l) => l.message === "sms");
const codeOf = (e: unknown) => (e as { code?: string }).code;

describe("notification deliveries", () => {
  it("tells a reporter that the report arrived, once, in their language, and each public step staff take, not their own", async () => {
    const r = await submitReport({ ctx: sys.citizen, input: report({ reporter: { phone: "51234567" }, locale: "en" }) });
    if (r.outcome !== "created") throw new Error("expected a case");
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ messages: 1, sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(sms().map((l) => l.fields)).toEqual([
      {
        phone: "51234567",
        text: `Kuwait Municipality: we received your report ${r.trackingNumber}. Follow it with its tracking number and secret code.`,
      },
    ]);
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ messages: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 });

    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    await actOnCase({ ctx: officer.ctx, input: { trackingNumber: r.trackingNumber, action: "start" } });
    await addCaseInfo({ ctx: sys.citizen, input: { trackingNumber: r.trackingNumber, token: r.token, note: "More detail" } });
    expect(await drainOutbox({ ctx: sys.system })).toMatchObject({ messages: 1, sent: 1 });
    expect(sms().at(-1)?.fields.text).toBe(`Kuwait Municipality, report ${r.trackingNumber}: Work on the report started.`);
  });

  it("retries a failing e-mail with exponential backoff on a moved clock, gives up after the limit, shows it to administrators, and an administrator's retry sends it; the SMS went once", async () => {
    const r = await submitReport({
      ctx: sys.citizen,
      input: report({ reporter: { phone: "51234567", email: "resident@example.com" }, locale: "ar" }),
    });
    if (r.outcome !== "created") throw new Error("expected a case");
    sink.refuse = true;
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ messages: 1, sent: 1, retrying: 1, failed: 0, skipped: 0 });
    const email = async () =>
      (await sys.deps.store.read((db) => db.select().from(notificationDeliveries))).find((d) => d.channel === "email")!;
    expect((await email()).lastError).toContain("451");

    for (let attempt = 1; attempt < OUTBOX_MAX_ATTEMPTS; attempt++) {
      const wait = Date.parse((await email()).availableAt) - sys.clock.now().getTime();
      expect(wait).toBe(Math.min(3_600_000, 2 ** attempt * 1000));
      // Not yet due: nothing is tried.
      sys.clock.advance(wait - 1);
      expect(await drainOutbox({ ctx: sys.system })).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
      sys.clock.advance(1);
      const last = attempt === OUTBOX_MAX_ATTEMPTS - 1;
      expect(await drainOutbox({ ctx: sys.system })).toMatchObject({ retrying: last ? 0 : 1, failed: last ? 1 : 0 });
    }
    expect(await email()).toMatchObject({ status: "failed", attempts: OUTBOX_MAX_ATTEMPTS });
    sys.clock.advance(86_400_000);
    expect(await drainOutbox({ ctx: sys.system })).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(sms()).toHaveLength(1);
    expect(sink.messages).toHaveLength(0);

    const admin = await staffSession(sys, { governorateCode: "KW-HA", role: "administrator" });
    const failures = await listFailedDeliveries({ ctx: admin.ctx, input: {} });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      channel: "email",
      recipient: "r***@example.com",
      trackingNumber: r.trackingNumber,
      status: "failed",
      attempts: OUTBOX_MAX_ATTEMPTS,
    });
    expect(failures[0]?.lastError).toContain("451");

    sink.refuse = false;
    const id = failures[0]!.id;
    expect(await retryDelivery({ ctx: admin.ctx, input: { id } })).toEqual({ id, status: "sent", lastError: null });
    const [mail] = await sink.received(1);
    expect(mail?.subject).toBe(`بلدية الكويت — البلاغ ${r.trackingNumber}`);
    expect(await listFailedDeliveries({ ctx: admin.ctx, input: {} })).toEqual([]);
    const [audit] = await sys.deps.store.read((db) => db.select().from(auditLog).where(eq(auditLog.subjectId, id)));
    expect(audit).toMatchObject({ action: "delivery.retry", actorKind: "staff", actorId: admin.staffId });
    // Sent deliveries cannot be retried; the SMS still went once.
    expect(codeOf(await retryDelivery({ ctx: admin.ctx, input: { id } }).catch((e: unknown) => e))).toBe("CONFLICT");
    expect(sms()).toHaveLength(1);
  });

  it("records a message nobody can be told of as skipped, and an unknown topic as failed — never dropped", async () => {
    await submitReport({ ctx: sys.citizen, input: report({ location: north(POINTS.salmiya, 500) }) });
    await sys.deps.store.write((db) =>
      db
        .insert(outbox)
        .values({ id: "mystery-1", topic: "mystery.topic", payload: "{}", createdAt: sys.clock.now().toISOString() }),
    );
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ messages: 2, sent: 0, retrying: 0, failed: 1, skipped: 1 });
    const admin = await staffSession(sys, { governorateCode: "KW-HA", role: "administrator" });
    const skipped = await listFailedDeliveries({ ctx: admin.ctx, input: { status: "skipped" } });
    expect(skipped).toMatchObject([{ channel: "none", topic: "case.created", status: "skipped" }]);
    expect(skipped[0]?.lastError).toContain("Nobody to tell");
    const failed = await listFailedDeliveries({ ctx: admin.ctx, input: {} });
    expect(failed).toMatchObject([{ channel: "none", topic: "mystery.topic", status: "failed" }]);
  });

  it("writes to the staff a case escalates to, in both languages, by e-mail", async () => {
    const r = await submitReport({ ctx: sys.citizen, input: report({}) });
    if (r.outcome !== "created") throw new Error("expected a case");
    const supervisor = await staffSession(sys, { governorateCode: "KW-HA", role: "supervisor" });
    await sys.deps.store.write((db) =>
      db.insert(outbox).values({
        id: "escalation-1",
        topic: "staff.escalation",
        payload: JSON.stringify({ caseId: r.caseId, eventId: "none", level: 1, staffIds: [supervisor.staffId] }),
        createdAt: sys.clock.now().toISOString(),
      }),
    );
    await drainOutbox({ ctx: sys.system });
    const mails = await sink.received(1);
    expect(mails[0]?.subject).toBe(`بلاغ متأخر ${r.trackingNumber} — Overdue report ${r.trackingNumber}`);
    expect(mails[0]?.to[0]).toMatch(/@baladia\.gov\.kw$/);
  });

  it("rejects anyone but administrators looking at or retrying deliveries, and anyone but the system draining", async () => {
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    expect(codeOf(await listFailedDeliveries({ ctx: officer.ctx, input: {} }).catch((e: unknown) => e))).toBe("FORBIDDEN");
    expect(codeOf(await retryDelivery({ ctx: officer.ctx, input: { id: "x" } }).catch((e: unknown) => e))).toBe("FORBIDDEN");
    expect(codeOf(await listFailedDeliveries({ ctx: sys.citizen, input: {} }).catch((e: unknown) => e))).toBe("UNAUTHENTICATED");
    expect(codeOf(await drainOutbox({ ctx: sys.citizen }).catch((e: unknown) => e))).toBe("FORBIDDEN");
    const admin = await staffSession(sys, { governorateCode: "KW-HA", role: "administrator" });
    expect(codeOf(await retryDelivery({ ctx: admin.ctx, input: { id: "no-such" } }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
