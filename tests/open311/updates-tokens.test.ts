import { caseEvents, cases } from "@baladiya/api/db/schema";
import { supportCase } from "@baladiya/api/domain/case/support-case";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { smallPng } from "../helpers/photos";
import { north, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, newApiKey } from "../helpers/system";
import {
  createdId,
  expectContentType,
  expectOpen311Error,
  FORMATS,
  get,
  KUWAIT_ISO,
  postRequest,
  records,
  type Fields,
  type Format,
  type Tree,
  type Upload,
} from "./open311-client";

const NOW = new Date("2026-11-28T09:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const kuwait = (at: Date) => `${new Date(at.getTime() + 3 * HOUR).toISOString().slice(0, 19)}+03:00`;
const q = encodeURIComponent;

let sys: TestServer;
let key: string;

/** A report posted over Open311 at the given time. */
async function postAt(at: Date, where: { lat: number; lng: number }, extra: Fields = {}, files?: Upload[]) {
  sys.clock.set(at);
  const fields = {
    api_key: key,
    service_code: "GARBAGE",
    lat: String(where.lat),
    long: String(where.lng),
    description: "نفايات",
    ...extra,
  };
  const id = createdId(await postRequest(sys, "json", fields, files ? { files } : {}), "json");
  sys.clock.set(NOW);
  return id;
}

async function updates(format: Format, query = ""): Promise<Record<string, Tree>[]> {
  const reply = await get(sys, `servicerequestupdates.${format}${query ? `?${query}` : ""}`);
  expect(reply.status, reply.text).toBe(200);
  expectContentType(reply, format);
  return records(reply, format, "service_request_updates", "request_update");
}

/** The updates a query returns, after checking XML and JSON carry the same records. */
async function bothFormats(query = ""): Promise<Record<string, Tree>[]> {
  const xml = await updates("xml", query);
  const json = await updates("json", query);
  expect(xml).toEqual(json);
  return json;
}

const of = (list: Record<string, Tree>[], id: string) => list.filter((u) => u.service_request_id === id);

const fx = { assigned: "", unassigned: "", earlier: "", withPhoto: "" };

beforeAll(async () => {
  sys = await startTestServer({}, { start: NOW });
  key = (await newApiKey(sys, "partner-app")).key;
  // Jahra's branch has a garbage officer; Farwaniya's (Khaitan) has none.
  await addOfficer(sys, "KW-JA", ["GARBAGE"]);
  fx.earlier = await postAt(new Date(NOW.getTime() - 3 * DAY), north(POINTS.jahra, 300));
  fx.assigned = await postAt(new Date(NOW.getTime() - 2 * HOUR), POINTS.jahra);
  fx.unassigned = await postAt(new Date(NOW.getTime() - HOUR), POINTS.khaitan);
  fx.withPhoto = await postAt(new Date(NOW.getTime() - 30 * 60_000), north(POINTS.khaitan, 300), {}, [
    { bytes: await smallPng({ r: 40, g: 50, b: 60 }), name: "p.png", type: "image/png" },
  ]);
});
afterEach(() => {
  sys.clock.set(NOW);
});
afterAll(async () => {
  await sys.close();
});

describe("GET servicerequestupdates", () => {
  it("lists the public timeline of an assigned request: FOR_TRIAGE on intake, then IN_PROGRESS", async () => {
    const mine = of(await bothFormats(), fx.assigned);
    expect(mine.map((u) => u.status)).toEqual(["FOR_TRIAGE", "IN_PROGRESS"]);
    for (const u of mine) {
      expect(u).toEqual({
        update_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        service_request_id: fx.assigned,
        status: expect.any(String),
        updated_datetime: kuwait(new Date(NOW.getTime() - 2 * HOUR)),
        description: expect.any(String),
        media_url: "",
      });
    }
    expect(new Set(mine.map((u) => u.update_id)).size).toBe(2);
    expect(mine[0]?.description).toMatch(/^استُلم البلاغ/);
    expect(mine[1]?.description).toMatch(/أُسند البلاغ/);
  });

  it("leaves an unassigned request at FOR_TRIAGE", async () => {
    expect(of(await bothFormats(), fx.unassigned).map((u) => u.status)).toEqual(["FOR_TRIAGE"]);
  });

  it("describes the updates in English with ?locale=en", async () => {
    const mine = of(await bothFormats("locale=en"), fx.assigned);
    expect(mine.map((u) => u.description)).toEqual([
      expect.stringMatching(/^Report received and routed to .*Jahra branch$/),
      "Assigned to a specialist officer",
    ]);
  });

  it("links the public copy of a photo sent with the report", async () => {
    const [created] = of(await bothFormats(), fx.withPhoto);
    expect(created?.media_url).toMatch(new RegExp(`^${sys.url}/media/public/[0-9a-f]{64}\\.jpg$`));
    const media = await fetch(created?.media_url as string);
    expect(media.headers.get("content-type")).toBe("image/jpeg");
  });

  it("shows a later public event with the request's status at that time", async () => {
    sys.clock.set(new Date(NOW.getTime() - 10 * 60_000));
    await supportCase({ ctx: sys.citizen, input: { trackingNumber: fx.assigned, idempotencyKey: "support-once-1" } });
    sys.clock.set(NOW);
    const mine = of(await bothFormats(), fx.assigned);
    expect(mine.map((u) => u.status)).toEqual(["FOR_TRIAGE", "IN_PROGRESS", "IN_PROGRESS"]);
    expect(mine[2]?.updated_datetime).toBe(kuwait(new Date(NOW.getTime() - 10 * 60_000)));
  });

  it("keeps internal events out", async () => {
    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, fx.unassigned)));
    await sys.deps.store.write((db) =>
      db.insert(caseEvents).values({
        id: "0190e0e0-0000-7000-8000-00000000beef",
        caseId: row!.id,
        kind: "note",
        status: "acknowledged",
        text: null,
        note: "Internal: the caller sounded upset",
        isPublic: false,
        actorKind: "staff",
        actorId: null,
        createdAt: new Date(NOW.getTime() - 5 * 60_000).toISOString(),
      }),
    );
    const all = await bothFormats();
    expect(all.map((u) => u.update_id)).not.toContain("0190e0e0-0000-7000-8000-00000000beef");
    expect(JSON.stringify(all)).not.toContain("upset");
  });

  it("gives every updated_datetime with Kuwait's +03:00 offset, oldest first", async () => {
    const all = await bothFormats();
    expect(all.length).toBeGreaterThan(3);
    for (const u of all) expect(u.updated_datetime).toMatch(KUWAIT_ISO);
    const times = all.map((u) => u.updated_datetime as string);
    expect(times).toEqual([...times].sort());
  });

  it("holds the last day by default", async () => {
    const ids = new Set((await bothFormats()).map((u) => u.service_request_id));
    expect(ids.has(fx.assigned)).toBe(true);
    expect(ids.has(fx.earlier)).toBe(false);
  });

  it("keeps the updates between start_date and end_date", async () => {
    const start = kuwait(new Date(NOW.getTime() - 4 * DAY));
    const end = kuwait(new Date(NOW.getTime() - 2 * DAY));
    const window = await bothFormats(`start_date=${q(start)}&end_date=${q(end)}`);
    expect(window.map((u) => [u.service_request_id, u.status])).toEqual([
      [fx.earlier, "FOR_TRIAGE"],
      [fx.earlier, "IN_PROGRESS"],
    ]);
    const justAfter = kuwait(new Date(NOW.getTime() - 3 * DAY + 1000));
    expect(await bothFormats(`start_date=${q(justAfter)}&end_date=${q(end)}`)).toEqual([]);
  });

  it("keeps one request's updates with service_request_id", async () => {
    const start = kuwait(new Date(NOW.getTime() - 4 * DAY));
    const only = await bothFormats(`service_request_id=${fx.unassigned}&start_date=${q(start)}`);
    expect(new Set(only.map((u) => u.service_request_id))).toEqual(new Set([fx.unassigned]));
  });

  it("moves its default window with the server's clock", async () => {
    sys.clock.set(new Date(NOW.getTime() - 3 * DAY + HOUR));
    expect(new Set((await bothFormats()).map((u) => u.service_request_id))).toEqual(new Set([fx.earlier]));
  });

  it.each(FORMATS)("rejects dates more than 90 days apart, and invalid dates, with 400 (%s)", async (format) => {
    const end = new Date(NOW.getTime());
    const start = new Date(end.getTime() - 91 * DAY);
    expectOpen311Error(
      await get(sys, `servicerequestupdates.${format}?start_date=${q(kuwait(start))}&end_date=${q(kuwait(end))}`),
      format,
      400,
      /90 days/,
    );
    expectOpen311Error(await get(sys, `servicerequestupdates.${format}?start_date=last-week`), format, 400, /start_date must be/);
  });

  it("treats empty parameters like absent ones", async () => {
    expect(await bothFormats("start_date=&end_date=&service_request_id=")).toEqual(await bothFormats());
  });
});

describe("GET tokens/{token}", () => {
  async function tokenOf(trackingNumber: string): Promise<string> {
    const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, trackingNumber)));
    expect(row?.requestToken).toMatch(/^[0-9a-f-]{36}$/);
    return row!.requestToken;
  }

  it.each(FORMATS)("resolves a request's token to its service_request_id (%s)", async (format) => {
    const token = await tokenOf(fx.assigned);
    const reply = await get(sys, `tokens/${token}.${format}`);
    expect(reply.status).toBe(200);
    expectContentType(reply, format);
    expect(records(reply, format, "service_requests", "request")).toEqual([{ service_request_id: fx.assigned, token }]);
  });

  it("gives each request its own token", async () => {
    const tokens = await Promise.all([fx.assigned, fx.unassigned, fx.earlier].map(tokenOf));
    expect(new Set(tokens).size).toBe(3);
    for (const [i, id] of [fx.assigned, fx.unassigned, fx.earlier].entries()) {
      const [r] = JSON.parse((await get(sys, `tokens/${tokens[i]}.json`)).text) as { service_request_id: string }[];
      expect(r?.service_request_id).toBe(id);
    }
  });

  it("reads a token in capitals as the same token", async () => {
    const token = await tokenOf(fx.unassigned);
    const [r] = JSON.parse((await get(sys, `tokens/${token.toUpperCase()}.json`)).text) as { service_request_id: string }[];
    expect(r?.service_request_id).toBe(fx.unassigned);
  });

  it.each(FORMATS)("answers 404 for an unknown or malformed token (%s)", async (format) => {
    expectOpen311Error(await get(sys, `tokens/0190e0e0-1111-7000-8000-000000000000.${format}`), format, 404, /Token not found/);
    expectOpen311Error(await get(sys, `tokens/not-a-token.${format}`), format, 404, /Token not found/);
  });
});
