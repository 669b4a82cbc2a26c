import { cases } from "@baladiya/api/db/schema";
import { submitReport } from "@baladiya/api/domain/case/submit-report";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { north, POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  expectContentType,
  expectOpen311Error,
  FORMATS,
  get,
  KUWAIT_ISO,
  records,
  XML_DECLARATION,
  type Format,
  type Tree,
} from "./open311-client";

const NOW = new Date("2026-11-28T09:00:00Z");
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
/** The instant as Kuwait's wall clock with its offset, the way a client would write it. */
const kuwait = (at: Date) => `${new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 19)}+03:00`;
const q = encodeURIComponent;

let sys: TestServer;

async function reportAt(
  at: Date,
  serviceCode: string,
  where: { lat: number; lng: number },
  attributes: Record<string, string> = {},
) {
  sys.clock.set(at);
  const r = await submitReport({
    ctx: sys.citizen,
    input: {
      serviceCode,
      location: where,
      description: `بلاغ ${serviceCode} في ${at.toISOString()}`,
      attributes,
      duplicatePolicy: "create",
    },
  });
  if (r.outcome !== "created") throw new Error("expected a case");
  return r.trackingNumber;
}

/** No workflow verb closes a case yet, so the fixture closes it the way one will: status, flag and time. */
async function closeCase(trackingNumber: string, at: Date) {
  await sys.deps.store.write((db) =>
    db
      .update(cases)
      .set({ status: "resolved_fixed", isOpen: false, updatedAt: at.toISOString() })
      .where(eq(cases.trackingNumber, trackingNumber)),
  );
}

async function list(format: Format, query: string): Promise<Record<string, Tree>[]> {
  const reply = await get(sys, `requests.${format}${query ? `?${query}` : ""}`);
  expect(reply.status, reply.text).toBe(200);
  expectContentType(reply, format);
  return records(reply, format, "service_requests", "request");
}

/** The ids a query returns, after checking XML and JSON carry the same records. */
async function ids(query = ""): Promise<string[]> {
  const xml = await list("xml", query);
  const json = await list("json", query);
  expect(xml).toEqual(json);
  return json.map((r) => r.service_request_id as string);
}

const fx = { old: "", edge: "", a: "", b: "", c: "" };
const closedAt = daysAgo(2);

beforeAll(async () => {
  sys = await startTestServer({}, { start: NOW });
  fx.old = await reportAt(daysAgo(100), "GARBAGE", POINTS.jahra);
  fx.edge = await reportAt(daysAgo(89), "RUBBLE", POINTS.khaitan);
  fx.a = await reportAt(daysAgo(10), "GARBAGE", north(POINTS.jahra, 120));
  fx.b = await reportAt(daysAgo(5), "FURNITURE", north(POINTS.khaitan, 120));
  fx.c = await reportAt(daysAgo(1), "FALLEN_TREE", POINTS.fahaheel, { blocking: "yes" });
  await closeCase(fx.b, closedAt);
  sys.clock.set(NOW);
});
afterEach(() => {
  sys.clock.set(NOW);
});
afterAll(async () => {
  await sys.close();
});

describe("GET requests: the default list", () => {
  it("holds the last 90 days, newest first, the same in XML and JSON", async () => {
    expect(await ids()).toEqual([fx.c, fx.b, fx.a, fx.edge]);
  });

  it("leaves out a report made 100 days ago", async () => {
    expect(await ids()).not.toContain(fx.old);
  });

  it("moves with the server's clock", async () => {
    sys.clock.set(new Date(NOW.getTime() + 86 * DAY));
    expect(await ids()).toEqual([fx.c]);
    sys.clock.set(daysAgo(11));
    expect(await ids()).toEqual([fx.edge, fx.old]);
  });

  it("is a top-level JSON array, and XML that starts with its declaration", async () => {
    const json = await get(sys, "requests.json");
    expect(Array.isArray(JSON.parse(json.text))).toBe(true);
    const xml = await get(sys, "requests.xml");
    expect(xml.text.startsWith(`${XML_DECLARATION}\n<service_requests><request>`)).toBe(true);
  });

  it("is an empty list, not an error, when nothing matches", async () => {
    const json = await get(sys, "requests.json?service_code=NO_SUCH_SERVICE");
    expect(json.text).toBe("[]");
    const xml = await get(sys, "requests.xml?service_code=NO_SUCH_SERVICE");
    expect(xml.text).toBe(`${XML_DECLARATION}\n<service_requests></service_requests>`);
  });

  it.each(FORMATS)("gives every datetime in ISO 8601 with Kuwait's +03:00 offset (%s)", async (format) => {
    const all = await list(format, "");
    for (const r of all) {
      for (const field of ["requested_datetime", "updated_datetime", "expected_datetime"]) expect(r[field]).toMatch(KUWAIT_ISO);
    }
    const a = all.find((r) => r.service_request_id === fx.a);
    expect(a?.requested_datetime).toBe(kuwait(daysAgo(10)));
    // GARBAGE is answered within 24 hours.
    expect(a?.expected_datetime).toBe(kuwait(daysAgo(9)));
    const b = all.find((r) => r.service_request_id === fx.b);
    expect(b?.updated_datetime).toBe(kuwait(closedAt));
  });

  it.each(FORMATS)("describes each request in Arabic by default and in English with ?locale=en (%s)", async (format) => {
    const ar = (await list(format, "")).find((r) => r.service_request_id === fx.c);
    expect(ar).toMatchObject({ service_code: "FALLEN_TREE", service_name: "شجرة ساقطة", status: "open" });
    expect(ar?.agency_responsible).toMatch(/الأحمدي$/);
    const en = (await list(format, "locale=en")).find((r) => r.service_request_id === fx.c);
    expect(en).toMatchObject({ service_name: "Fallen tree" });
    expect(en?.agency_responsible).toMatch(/Ahmadi$/);
    expect(en?.address).toMatch(/Ahmadi$/);
  });

  it("treats empty parameters like absent ones", async () => {
    const empty = ["service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id"]
      .map((k) => `${k}=`)
      .join("&");
    expect(await ids(empty)).toEqual(await ids());
  });
});

describe("GET requests?service_request_id", () => {
  it("returns just that request", async () => {
    expect(await ids(`service_request_id=${fx.a}`)).toEqual([fx.a]);
  });

  it("takes a comma list, with spaces and in any case, and ignores ids that do not exist", async () => {
    const found = await ids(`service_request_id=${q(`${fx.a.toLowerCase()}, ${fx.old},JA-2026-999999`)}`);
    expect(found.sort()).toEqual([fx.a, fx.old].sort());
  });

  it("overrides every other filter, the 90-day window included", async () => {
    const query = [
      `service_request_id=${q(`${fx.old},${fx.b}`)}`,
      "service_code=GARBAGE",
      "status=open",
      `start_date=${q(kuwait(daysAgo(3)))}`,
      `end_date=${q(kuwait(daysAgo(2)))}`,
    ].join("&");
    expect((await ids(query)).sort()).toEqual([fx.old, fx.b].sort());
  });
});

describe("GET requests?service_code", () => {
  it("keeps one service's requests within the window", async () => {
    expect(await ids("service_code=GARBAGE")).toEqual([fx.a]);
  });

  it("takes a comma list", async () => {
    expect(await ids(`service_code=${q("FURNITURE,FALLEN_TREE")}`)).toEqual([fx.c, fx.b]);
  });
});

describe("GET requests?status", () => {
  it("keeps the closed requests", async () => {
    expect(await ids("status=closed")).toEqual([fx.b]);
    const [b] = await list("json", "status=closed");
    expect(b?.status).toBe("closed");
  });

  it("keeps the open requests", async () => {
    expect(await ids("status=open")).toEqual([fx.c, fx.a, fx.edge]);
  });

  it("keeps both for open,closed", async () => {
    expect(await ids(`status=${q("open,closed")}`)).toEqual(await ids());
  });

  it.each(FORMATS)("rejects any other status with 400 (%s)", async (format) => {
    expectOpen311Error(await get(sys, `requests.${format}?status=bogus`), format, 400, /status/);
  });
});

describe("GET requests?start_date&end_date", () => {
  it("keeps the requests made between them, written with +03:00", async () => {
    expect(await ids(`start_date=${q(kuwait(daysAgo(6)))}&end_date=${q(kuwait(daysAgo(4)))}`)).toEqual([fx.b]);
  });

  it("reads the same instant written in UTC the same way", async () => {
    const utc = `start_date=${daysAgo(6).toISOString()}&end_date=${daysAgo(4).toISOString()}`;
    expect(await ids(utc)).toEqual([fx.b]);
    // One second after the report is made, in Kuwait time, leaves it out.
    const after = new Date(daysAgo(5).getTime() + 1000);
    expect(await ids(`start_date=${q(kuwait(after))}&end_date=${q(kuwait(daysAgo(4)))}`)).toEqual([]);
  });

  it("counts 90 days on from start_date alone", async () => {
    expect(await ids(`start_date=${q(kuwait(daysAgo(2)))}`)).toEqual([fx.c]);
    expect(await ids(`start_date=${q(kuwait(daysAgo(101)))}`)).toEqual([fx.edge, fx.old]);
  });

  it("counts 90 days back from end_date alone", async () => {
    expect(await ids(`end_date=${q(kuwait(daysAgo(7)))}`)).toEqual([fx.a, fx.edge]);
  });

  it("accepts dates exactly 90 days apart", async () => {
    expect(await ids(`start_date=${q(kuwait(daysAgo(100)))}&end_date=${q(kuwait(daysAgo(10)))}`)).toEqual([
      fx.a,
      fx.edge,
      fx.old,
    ]);
  });

  it.each(FORMATS)("rejects dates more than 90 days apart with 400 (%s)", async (format) => {
    const end = new Date(daysAgo(10).getTime() + 1000);
    const reply = await get(sys, `requests.${format}?start_date=${q(kuwait(daysAgo(100)))}&end_date=${q(kuwait(end))}`);
    expectOpen311Error(reply, format, 400, /90 days/);
  });

  it.each(FORMATS)("rejects a start_date after the end_date with 400 (%s)", async (format) => {
    const reply = await get(sys, `requests.${format}?start_date=${q(kuwait(daysAgo(1)))}&end_date=${q(kuwait(daysAgo(2)))}`);
    expectOpen311Error(reply, format, 400, /start_date/);
  });

  it.each(
    FORMATS.flatMap((format) =>
      [
        ["start_date", "yesterday"],
        ["start_date", "2026-02-30T00:00:00+03:00"],
        ["end_date", "2026-13-01T00:00:00Z"],
        ["end_date", "2026-11-20T25:00:00+03:00"],
        // Without a timezone the instant would depend on the server's own zone.
        ["start_date", "2026-11-20T10:00:00"],
        ["end_date", "1700000000"],
      ].map(([name, value]) => [format, name!, value!] as const),
    ),
  )("rejects an invalid date with 400 (%s, %s=%s)", async (format, name, value) => {
    expectOpen311Error(await get(sys, `requests.${format}?${name}=${q(value)}`), format, 400, new RegExp(`${name} must be`));
  });
});

describe("GET requests/{service_request_id}", () => {
  it.each(FORMATS)("returns one request, in a list, as the list query does (%s)", async (format) => {
    const reply = await get(sys, `requests/${fx.b}.${format}`);
    expect(reply.status).toBe(200);
    const one = records(reply, format, "service_requests", "request");
    expect(one).toEqual(await list(format, `service_request_id=${fx.b}`));
    expect(one[0]).toMatchObject({ service_request_id: fx.b, status: "closed" });
  });

  it("returns a request older than the default window", async () => {
    const [old] = await list("json", "");
    expect(old?.service_request_id).not.toBe(fx.old);
    const reply = await get(sys, `requests/${fx.old}.json`);
    expect((JSON.parse(reply.text) as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([fx.old]);
  });

  it("carries the same record in XML and JSON, in both languages", async () => {
    for (const query of ["", "?locale=en"]) {
      const xml = records(await get(sys, `requests/${fx.c}.xml${query}`), "xml", "service_requests", "request");
      const json = records(await get(sys, `requests/${fx.c}.json${query}`), "json", "service_requests", "request");
      expect(xml).toEqual(json);
    }
  });

  it.each(FORMATS)("answers 404 for an unknown or malformed id (%s)", async (format) => {
    expectOpen311Error(await get(sys, `requests/JA-2026-999999.${format}`), format, 404, /not found/);
    expectOpen311Error(await get(sys, `requests/not-an-id.${format}`), format, 404, /not found/);
  });
});

describe("GET requests: at most 1,000 results", () => {
  let big: TestServer;
  const made: string[] = [];
  const bigNow = new Date("2026-06-01T09:00:00Z");

  beforeAll(async () => {
    big = await startTestServer({}, { start: bigNow });
    const spots = [POINTS.jahra, POINTS.khaitan, POINTS.salmiya, POINTS.fahaheel, POINTS.sharq];
    for (let i = 0; i < 1001; i++) {
      // One a minute, ending now, spread over the five areas.
      big.clock.set(new Date(bigNow.getTime() - (1001 - i) * 60_000));
      const spot = spots[i % spots.length]!;
      const r = await submitReport({
        ctx: big.citizen,
        input: {
          serviceCode: "GARBAGE",
          location: north(spot, (i % 7) * 20),
          description: `بلاغ رقم ${i}`,
          duplicatePolicy: "create",
        },
      });
      if (r.outcome !== "created") throw new Error("expected a case");
      made.push(r.trackingNumber);
    }
    big.clock.set(bigNow);
  }, 120_000);
  afterAll(async () => {
    await big.close();
  });

  it.each(FORMATS)("returns the newest 1,000 of 1,001 requests in the window (%s)", async (format) => {
    const reply = await get(big, `requests.${format}`);
    expect(reply.status).toBe(200);
    const got = records(reply, format, "service_requests", "request").map((r) => r.service_request_id);
    expect(got).toHaveLength(1000);
    expect(got).toEqual(made.slice(1).reverse());
  });

  it("caps an explicit window and a filtered list the same way", async () => {
    const window = `start_date=${q(kuwait(new Date(bigNow.getTime() - DAY)))}&end_date=${q(kuwait(bigNow))}`;
    const inWindow = JSON.parse((await get(big, `requests.json?${window}&service_code=GARBAGE&status=open`)).text) as unknown[];
    expect(inWindow).toHaveLength(1000);
  });

  it("still finds the oldest one by its id", async () => {
    const reply = await get(big, `requests.json?service_request_id=${made[0]}`);
    expect((JSON.parse(reply.text) as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([made[0]]);
  });
});
