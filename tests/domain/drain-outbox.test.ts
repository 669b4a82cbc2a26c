import { outbox } from "@baladiya/api/db/schema";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { drainOutbox, OUTBOX_MAX_ATTEMPTS } from "@baladiya/api/domain/outbox/drain-outbox";
import type { Notification } from "@baladiya/api/ports/notifier";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { north, POINTS } from "../helpers/points";
import { createTestSystem, staffSession, type TestSystem } from "../helpers/system";
import { actOnCase } from "@baladiya/api/domain/case/act-on-case";
import { addCaseInfo } from "@baladiya/api/domain/case/add-case-info";

let sys: TestSystem;
let sent: Notification[];
let failing: boolean;
beforeEach(async () => {
  sys = await createTestSystem();
  sent = [];
  failing = false;
  sys.deps.notifier = {
    async send(n) {
      if (failing) throw new Error("SMS gateway unavailable");
      sent.push(n);
    },
  };
});
afterEach(async () => {
  await sys.close();
});

const report = (over: Record<string, unknown>) => ({
  serviceCode: "GARBAGE",
  location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
  duplicatePolicy: "create",
  ...over,
});

describe("drainOutbox", () => {
  it("tells a reporter who left a phone number that the report arrived, once, in their language", async () => {
    const r = await submitReport({ ctx: sys.citizen, input: report({ reporter: { phone: "51234567" }, locale: "ar" }) });
    await submitReport({ ctx: sys.citizen, input: report({ location: north(POINTS.salmiya, 500) }) }); // no contact
    if (r.outcome !== "created") throw new Error("expected a case");
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 1, failed: 0, skipped: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to.phone).toBe("51234567");
    expect(sent[0]?.locale).toBe("ar");
    expect(sent[0]?.text.ar).toContain(r.trackingNumber);
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 0, failed: 0, skipped: 0 });
  });

  it("tells the reporter of each public step the municipality takes, not of their own", async () => {
    const r = await submitReport({ ctx: sys.citizen, input: report({ reporter: { phone: "51234567" }, locale: "en" }) });
    if (r.outcome !== "created") throw new Error("expected a case");
    await drainOutbox({ ctx: sys.system });
    sent = [];
    const officer = await staffSession(sys, { governorateCode: "KW-HA" });
    await actOnCase({ ctx: officer.ctx, input: { trackingNumber: r.trackingNumber, action: "start" } });
    await addCaseInfo({ ctx: sys.citizen, input: { trackingNumber: r.trackingNumber, token: r.token, note: "More detail" } });
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.locale).toBe("en");
    expect(sent[0]?.text.en).toBe(`Kuwait Municipality, report ${r.trackingNumber}: Work on the report started.`);
  });

  it("retries a failed delivery with backoff and gives up after the limit", async () => {
    await submitReport({ ctx: sys.citizen, input: report({ reporter: { email: "resident@example.com" } }) });
    failing = true;
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 0, failed: 1, skipped: 0 });
    // Not yet due again.
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    const [row] = await sys.deps.store.read((db) => db.select().from(outbox));
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("SMS gateway unavailable");
    failing = false;
    sys.clock.advance(3_000);
    expect(await drainOutbox({ ctx: sys.system })).toEqual({ delivered: 1, failed: 0, skipped: 0 });

    await submitReport({
      ctx: sys.citizen,
      input: report({ location: north(POINTS.salmiya, 900), reporter: { phone: "61234567" } }),
    });
    failing = true;
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS + 2; i++) {
      await drainOutbox({ ctx: sys.system });
      sys.clock.advance(3_600_000);
    }
    const rows = await sys.deps.store.read((db) => db.select().from(outbox));
    expect(rows.find((r) => r.processedAt === null)?.attempts).toBe(OUTBOX_MAX_ATTEMPTS);
  });

  it("rejects an actor other than the system", async () => {
    const error = await drainOutbox({ ctx: sys.citizen }).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe("FORBIDDEN");
  });
});
