import { createSmtpEmailSender, parseSmtpUrl } from "@baladiya/api/adapters/node/smtp-email-sender";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { drainOutbox } from "@baladiya/api/domain/outbox/drain-outbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { SINK_CERT, startSmtpSink } from "../helpers/smtp-sink";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";

let sys: TestSystem;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeEach(async () => {
  sys = await createTestSystem();
  sink = await startSmtpSink();
  sys.deps.email = createSmtpEmailSender(
    parseSmtpUrl(sink.url("baladiya:s%C3%A9cret"), "بلدية الكويت <no-reply@baladia.gov.kw>"),
  );
});
afterEach(async () => {
  await sink.close();
  await sys.close();
});

describe("e-mail through SMTP", () => {
  it("delivers the Arabic message intact to an SMTP server: UTF-8 subject and body, signed in with AUTH PLAIN", async () => {
    const r = await submitReport({
      ctx: sys.citizen,
      input: {
        serviceCode: "GARBAGE",
        location: POINTS.salmiya,
        duplicatePolicy: "create",
        locale: "ar",
        reporter: { email: "resident@example.com" },
      },
    });
    if (r.outcome !== "created") throw new Error("expected a case");
    expect(await drainOutbox({ ctx: sys.system })).toMatchObject({ messages: 1, sent: 1, failed: 0 });
    const [mail] = await sink.received(1);
    expect(mail?.auth).toEqual({ user: "baladiya", pass: "sécret" });
    expect(mail?.from).toBe("no-reply@baladia.gov.kw");
    expect(mail?.to).toEqual(["resident@example.com"]);
    expect(mail?.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(mail?.headers.from).toMatch(/^=\?UTF-8\?B\?.+\?= <no-reply@baladia\.gov\.kw>$/);
    expect(mail?.subject).toBe(`بلدية الكويت — البلاغ ${r.trackingNumber}`);
    expect(mail?.text).toContain(`بلدية الكويت: استلمنا بلاغك رقم ${r.trackingNumber}. تابعه برقم المتابعة والرمز السري.`);
    // Every line of the message on the wire is 7-bit and at most 78 characters (RFC 5322).
    for (const line of mail?.raw.split("\r\n") ?? []) {
      expect(line.length).toBeLessThanOrEqual(78);
      expect(/^[\x20-\x7e\t]*$/.test(line)).toBe(true);
    }

    // A public step by staff reaches the resident in their language too.
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    await actOnCase({ ctx: officer.ctx, input: { trackingNumber: r.trackingNumber, action: "start" } });
    await drainOutbox({ ctx: sys.system });
    const [, update] = await sink.received(2);
    expect(update?.text).toContain(`بلدية الكويت، البلاغ ${r.trackingNumber}:`);
  });

  it("dot-stuffs lines that start with a dot, and long Arabic subjects survive folding", async () => {
    const subject = "تنبيه: ".repeat(20).trim();
    const text = ".\n..نقطتان في أول السطر\n.سطر يبدأ بنقطة\nend.";
    await sys.deps.email.send({ to: "a@example.com", subject, text, language: "ar" });
    const [mail] = await sink.received(1);
    expect(mail?.subject).toBe(subject);
    expect(mail?.text).toBe(text);
    expect(mail?.headers["content-language"]).toBe("ar");
  });

  it("upgrades to TLS with STARTTLS before it signs in, and checks the server's certificate", async () => {
    const tlsSink = await startSmtpSink({ startTls: true });
    try {
      const url = `${tlsSink.url("baladiya:secret")}?starttls=required`;
      const sender = createSmtpEmailSender({ ...parseSmtpUrl(url, "no-reply@baladia.gov.kw"), tls: { ca: SINK_CERT } });
      await sender.send({ to: "a@example.com", subject: "تجربة", text: "مرحبا" });
      const [mail] = await tlsSink.received(1);
      expect(mail).toMatchObject({ secure: true, auth: { user: "baladiya", pass: "secret" }, subject: "تجربة", text: "مرحبا" });
      // An unknown certificate is refused.
      const untrusting = createSmtpEmailSender(parseSmtpUrl(url, "no-reply@baladia.gov.kw"));
      expect(String(await untrusting.send({ to: "a@example.com", subject: "x", text: "y" }).catch((e: unknown) => e))).toMatch(
        /certificate/i,
      );
      // A server without STARTTLS is refused when the URL requires it.
      const required = createSmtpEmailSender(parseSmtpUrl(`${sink.url()}?starttls=required`, "no-reply@baladia.gov.kw"));
      expect(String(await required.send({ to: "a@example.com", subject: "x", text: "y" }).catch((e: unknown) => e))).toContain(
        "STARTTLS",
      );
    } finally {
      await tlsSink.close();
    }
  });

  it("fails with the server's answer when the server refuses the message", async () => {
    sink.refuse = true;
    const error = await sys.deps.email.send({ to: "a@example.com", subject: "x", text: "y" }).catch((e: unknown) => e);
    expect(String(error)).toContain("451");
  });
});
