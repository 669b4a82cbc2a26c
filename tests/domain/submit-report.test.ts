import { attachments, caseEvents, cases, idempotencyKeys, outbox, staff } from "@baladiya/api/db/schema";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { DomainError } from "@baladiya/api/domain/errors";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows, expectAuditRow } from "../helpers/db";
import { realPhoto, smallPng } from "../helpers/photos";
import { north, OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { addOfficer, createTestSystem, type TestSystem } from "../helpers/system";

let sys: TestSystem;
beforeEach(async () => {
  sys = await createTestSystem();
});
afterEach(async () => {
  await sys.close();
});

const report = (over: Record<string, unknown> = {}) => ({
  serviceCode: "GARBAGE",
  location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
  description: "حاوية ممتلئة منذ ثلاثة أيام",
  duplicatePolicy: "create",
  ...over,
});

async function expectDomainError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe("submitReport", () => {
  it("locates the report, routes it to the department of its governorate branch and issues a tracking number and token", async () => {
    const result = await submitReport({ ctx: sys.citizen, input: report() });
    expect(result.outcome).toBe("created");
    if (result.outcome !== "created") return;
    expect(result.governorate).toBe("KW-HA");
    expect(result.area.ar).toBe("السالمية");
    expect(result.department.en).toBe("Public Cleanliness & Road Occupancy Department");
    expect(result.trackingNumber).toMatch(/^HA-2026-000001$/);
    expect(result.token.length).toBeGreaterThanOrEqual(32);
    // The response target of a P2 service is 24 working hours. Reported on Saturday (Kuwait's
    // weekend), the clock starts on Sunday at 00:00 and ends on Monday at 00:00, Kuwait time.
    expect(result.dueAt).toBe("2026-11-29T21:00:00.000Z");

    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, result.caseId)));
    expect(row?.departmentId).toBe("KW-HA.cleanliness");
    expect(row?.tokenHash).not.toContain(result.token);
    expect(row?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("commits the case, its first public event, an audit row and an outbox row together", async () => {
    const result = await submitReport({ ctx: sys.citizen, input: report({ reporter: { phone: "+965 5123 4567" } }) });
    if (result.outcome !== "created") throw new Error("expected a case");
    const events = await sys.deps.store.read((db) => db.select().from(caseEvents).where(eq(caseEvents.caseId, result.caseId)));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
    expect(events[0]?.isPublic).toBe(true);
    const audit = await expectAuditRow(sys, { action: "case.submit", subjectId: result.caseId });
    expect(audit.actorKind).toBe("citizen");
    const rows = await sys.deps.store.read((db) => db.select().from(outbox));
    expect(rows.map((r) => JSON.parse(r.payload) as { caseId: string; notifyReporter: boolean })).toEqual([
      expect.objectContaining({ caseId: result.caseId, notifyReporter: true }),
    ]);
  });

  it("numbers reports per governorate branch", async () => {
    const a = await submitReport({ ctx: sys.citizen, input: report() });
    const b = await submitReport({ ctx: sys.citizen, input: report({ location: north(POINTS.salmiya, 400) }) });
    const c = await submitReport({
      ctx: sys.citizen,
      input: report({ location: { lat: POINTS.jahra.lat, lng: POINTS.jahra.lng } }),
    });
    expect([a, b, c].map((r) => (r.outcome === "created" ? r.trackingNumber : null))).toEqual([
      "HA-2026-000001",
      "HA-2026-000002",
      "JA-2026-000001",
    ]);
  });

  it("assigns to the least-loaded officer of that branch with that specialty", async () => {
    const busy = await addOfficer(sys, "KW-HA", ["GARBAGE"]);
    const free = await addOfficer(sys, "KW-HA", ["GARBAGE"]);
    await addOfficer(sys, "KW-JA", ["GARBAGE"]); // another branch
    await addOfficer(sys, "KW-HA", ["FURNITURE"]); // another specialty
    const assigned: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await submitReport({ ctx: sys.citizen, input: report({ location: north(POINTS.salmiya, i * 300) }) });
      if (r.outcome !== "created") throw new Error("expected a case");
      expect(r.status).toBe("assigned");
      const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, r.caseId)));
      assigned.push(row?.assignedStaffId ?? null);
    }
    expect(assigned).toEqual([busy, free, busy, free]);
    const loads = await sys.deps.store.read((db) => db.select({ id: staff.id, n: staff.openCaseCount }).from(staff));
    expect(loads.find((l) => l.id === busy)?.n).toBe(2);
    expect(loads.find((l) => l.id === free)?.n).toBe(2);
  });

  it("leaves a report new and unassigned when the branch has nobody with that specialty", async () => {
    const r = await submitReport({ ctx: sys.citizen, input: report() });
    expect(r.outcome === "created" && r.status).toBe("new");
    expect(r.outcome === "created" && r.assigned).toBe(false);
  });

  it("returns likely duplicates instead of opening a case when asked, and links them when told to create", async () => {
    const first = await submitReport({ ctx: sys.citizen, input: report() });
    if (first.outcome !== "created") throw new Error("expected a case");
    const near = north(POINTS.salmiya, 30);
    const asked = await submitReport({ ctx: sys.citizen, input: report({ location: near, duplicatePolicy: "ask" }) });
    expect(asked.outcome).toBe("possible_duplicates");
    expect(asked.possibleDuplicates.map((d) => d.trackingNumber)).toEqual([first.trackingNumber]);
    expect(asked.possibleDuplicates[0]?.distanceMetres).toBeCloseTo(30, 0);
    expect((await countRows(sys)).cases).toBe(1);

    const created = await submitReport({ ctx: sys.citizen, input: report({ location: near, duplicatePolicy: "create" }) });
    expect(created.outcome).toBe("created");
    expect(created.possibleDuplicates.map((d) => d.trackingNumber)).toEqual([first.trackingNumber]);
  });

  it("does not count as duplicates another service, a farther point or an older report", async () => {
    await submitReport({ ctx: sys.citizen, input: report() });
    const otherService = await submitReport({
      ctx: sys.citizen,
      input: report({ serviceCode: "FURNITURE", duplicatePolicy: "ask" }),
    });
    expect(otherService.outcome).toBe("created");
    const farther = await submitReport({
      ctx: sys.citizen,
      input: report({ location: north(POINTS.salmiya, 80), duplicatePolicy: "ask" }),
    });
    expect(farther.outcome).toBe("created");
    sys.clock.advance(31 * 86_400_000);
    const later = await submitReport({ ctx: sys.citizen, input: report({ duplicatePolicy: "ask" }) });
    expect(later.outcome).toBe("created");
  });

  it("returns the first result when a submission is retried with the same idempotency key", async () => {
    const input = report({ idempotencyKey: "retry-key-0001" });
    const first = await submitReport({ ctx: sys.citizen, input });
    const again = await submitReport({ ctx: sys.citizen, input });
    expect(again).toEqual(first);
    expect((await countRows(sys)).cases).toBe(1);
    const keys = await sys.deps.store.read((db) => db.select().from(idempotencyKeys));
    expect(keys).toHaveLength(1);
    // The secret token is stored nowhere, not even in the remembered answer.
    if (first.outcome !== "created") throw new Error("expected a case");
    expect(keys[0]?.response).not.toContain(first.token);
    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, first.caseId)));
    expect(JSON.stringify(row)).not.toContain(first.token);
  });

  it("rejects a replayed idempotency key with a different body and writes nothing", async () => {
    await submitReport({ ctx: sys.citizen, input: report({ idempotencyKey: "retry-key-0002" }) });
    const before = await countRows(sys);
    await expectDomainError(
      submitReport({ ctx: sys.citizen, input: report({ idempotencyKey: "retry-key-0002", description: "other" }) }),
      "IDEMPOTENCY_CONFLICT",
    );
    expect(await countRows(sys)).toEqual(before);
  });

  it("stores photos content-addressed, keeps EXIF GPS and capture time privately and publishes a stripped, oriented copy", async () => {
    const photo = await realPhoto("photo_1.JPG");
    const r = await submitReport({ ctx: sys.citizen, input: report(), photos: [{ bytes: photo }, { bytes: await smallPng() }] });
    if (r.outcome !== "created") throw new Error("expected a case");
    expect(r.photos).toBe(2);
    const rows = await sys.deps.store.read((db) => db.select().from(attachments).where(eq(attachments.caseId, r.caseId)));
    const jpeg = rows.find((a) => a.position === 0);
    // labels.csv beside the photos: 51.400514, -2.599256, taken 2017-05-19 (Bath, UK).
    expect(jpeg?.exifLat).toBeCloseTo(51.400514, 5);
    expect(jpeg?.exifLng).toBeCloseTo(-2.599256, 5);
    expect(jpeg?.exifTakenAt).toMatch(/^2017-05-19T/);
    expect(jpeg?.originalKey).toMatch(/^originals\/[0-9a-f]{64}\.jpeg$/);
    const original = await sys.deps.blobs.get(jpeg!.originalKey);
    expect(new Uint8Array(await original!.arrayBuffer())).toEqual(photo);
    const publicCopy = await sys.deps.blobs.get(jpeg!.publicKey);
    const meta = await sharp(Buffer.from(await publicCopy!.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(2048);
    const thumb = await sharp(Buffer.from(await (await sys.deps.blobs.get(jpeg!.thumbKey))!.arrayBuffer())).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 320]);
  });

  it("applies EXIF orientation to the public copy", async () => {
    // Both are stored 1296×968; photo_1 has orientation 6 (turn 90°), photo_4 orientation 3 (turn 180°).
    const r = await submitReport({
      ctx: sys.citizen,
      input: report(),
      photos: [{ bytes: await realPhoto("photo_1.JPG") }, { bytes: await realPhoto("photo_4.JPG") }],
    });
    if (r.outcome !== "created") throw new Error("expected a case");
    const rows = await sys.deps.store.read((db) => db.select().from(attachments).where(eq(attachments.caseId, r.caseId)));
    const byPosition = rows.sort((a, b) => a.position - b.position).map((a) => [a.width, a.height]);
    expect(byPosition).toEqual([
      [968, 1296],
      [1296, 968],
    ]);
  });

  describe("bad input gets a clear error and changes nothing", () => {
    const cases_: [string, () => Promise<unknown>, string][] = [
      [
        "a point outside Kuwait",
        () => submitReport({ ctx: sys.citizen, input: report({ location: OUTSIDE_KUWAIT.riyadh }) }),
        "OUTSIDE_KUWAIT",
      ],
      [
        "a point in the sea",
        () => submitReport({ ctx: sys.citizen, input: report({ location: OUTSIDE_KUWAIT.gulf }) }),
        "OUTSIDE_KUWAIT",
      ],
      ["a missing location", () => submitReport({ ctx: sys.citizen, input: report({ location: undefined }) }), "VALIDATION"],
      [
        "a latitude out of range",
        () => submitReport({ ctx: sys.citizen, input: report({ location: { lat: 91, lng: 48 } }) }),
        "VALIDATION",
      ],
      [
        "a 4,001-character description",
        () => submitReport({ ctx: sys.citizen, input: report({ description: "ب".repeat(4001) }) }),
        "VALIDATION",
      ],
      [
        "an unknown service code",
        () => submitReport({ ctx: sys.citizen, input: report({ serviceCode: "POTHOLES_ON_MARS" }) }),
        "UNKNOWN_SERVICE",
      ],
      [
        "a missing required attribute",
        () => submitReport({ ctx: sys.citizen, input: report({ serviceCode: "FALLEN_TREE" }) }),
        "VALIDATION",
      ],
      [
        "an attribute value not in its list",
        () =>
          submitReport({ ctx: sys.citizen, input: report({ serviceCode: "FALLEN_TREE", attributes: { blocking: "maybe" } }) }),
        "VALIDATION",
      ],
      [
        "an invalid civil ID",
        () => submitReport({ ctx: sys.citizen, input: report({ reporter: { civilId: "292091998297" } }) }),
        "VALIDATION",
      ],
      [
        "six photos",
        async () =>
          submitReport({
            ctx: sys.citizen,
            input: report(),
            photos: await Promise.all(Array.from({ length: 6 }, () => smallPng()).map(async (p) => ({ bytes: await p }))),
          }),
        "VALIDATION",
      ],
      [
        "a text file named .jpg",
        () =>
          submitReport({
            ctx: sys.citizen,
            input: report(),
            photos: [{ bytes: new TextEncoder().encode("not an image at all"), name: "x.jpg" }],
          }),
        "UNSUPPORTED_MEDIA",
      ],
      [
        "a photo over 10 MB",
        () =>
          submitReport({
            ctx: sys.citizen,
            input: report(),
            photos: [{ bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff) }],
          }),
        "PAYLOAD_TOO_LARGE",
      ],
      [
        "a truncated JPEG",
        async () => submitReport({ ctx: sys.citizen, input: report(), photos: [{ bytes: (await realPhoto()).slice(0, 2000) }] }),
        "UNSUPPORTED_MEDIA",
      ],
    ];
    for (const [name, run, code] of cases_) {
      it(`rejects ${name} with ${code}, leaving no row and no blob`, async () => {
        const before = await countRows(sys);
        const error = await expectDomainError(run(), code);
        expect(error.message.length).toBeGreaterThan(5);
        expect(await countRows(sys)).toEqual(before);
        const { readdir } = await import("node:fs/promises");
        const blobs = await readdir(`${sys.dir}/blobs`, { recursive: true }).catch(() => []);
        expect(blobs.filter((f) => /\.(jpg|jpeg|png|webp)$/.test(String(f)))).toEqual([]);
      });
    }
  });

  it("rejects an actor who may not submit (the anonymous public read role)", async () => {
    await expectDomainError(submitReport({ ctx: { deps: sys.deps, actor: { kind: "public" } }, input: report() }), "FORBIDDEN");
    expect((await countRows(sys)).cases).toBe(0);
  });

  it("keeps Arabic text byte for byte", async () => {
    const text = "حاوية ممتلئة 🗑️ أمام الجمعية — Block 4, شارع ١٢";
    const r = await submitReport({ ctx: sys.citizen, input: report({ description: text }) });
    if (r.outcome !== "created") throw new Error("expected a case");
    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.id, r.caseId)));
    expect(Buffer.from(row!.description)).toEqual(Buffer.from(text));
  });
});
