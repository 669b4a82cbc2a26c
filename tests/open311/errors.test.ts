import { cases } from "@baladiya/api/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallPng } from "../helpers/photos";
import { OUTSIDE_KUWAIT } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { newApiKey } from "../helpers/system";
import {
  createdId,
  expectOpen311Error,
  footprint,
  FORMATS,
  get,
  JURISDICTION,
  o311,
  postRequest,
  reportFields,
  toReply,
  type Fields,
  type Reply,
  type Upload,
} from "./open311-client";

let sys: TestServer;
let key: string;
beforeAll(async () => {
  sys = await startTestServer();
  key = (await newApiKey(sys, "partner-app")).key;
});
afterAll(async () => {
  await sys.close();
});

/** Runs a write that must be refused, and checks it left no row and no file behind. */
async function refusedWrite(write: () => Promise<Reply>): Promise<Reply> {
  const before = await footprint(sys);
  const reply = await write();
  expect(await footprint(sys)).toEqual(before);
  return reply;
}

const jpegHeaderThen = (size: number, fill = 0x41) => {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

async function anyRequestId(): Promise<string> {
  return createdId(await postRequest(sys, "json", reportFields(key)), "json");
}

describe("404 Not Found", () => {
  it.each(FORMATS)("answers an unknown service_request_id (%s)", async (format) => {
    expectOpen311Error(await get(sys, `requests/KU-2026-424242.${format}`), format, 404, /not found/);
  });

  it.each(FORMATS)("answers an unknown resource, at any depth and for any method (%s)", async (format) => {
    expectOpen311Error(await get(sys, `nothing.${format}`), format, 404, /nothing/);
    expectOpen311Error(await get(sys, `widgets/1.${format}`), format, 404, /No such resource/);
    expectOpen311Error(await get(sys, `requests/a/b.${format}`), format, 404, /No such resource/);
    const post = (path: string) =>
      fetch(o311(sys, path), { method: "POST", body: new URLSearchParams(reportFields(key) as Record<string, string>) });
    expectOpen311Error(await refusedWrite(() => post(`nothing.${format}`).then(toReply)), format, 404, /nothing/);
    expectOpen311Error(
      await refusedWrite(() => post(`requests/JA-2026-000001.${format}`).then(toReply)),
      format,
      404,
      /No such resource/,
    );
    const deleted = await fetch(o311(sys, `requests.${format}`), { method: "DELETE" }).then(toReply);
    expectOpen311Error(deleted, format, 404, /No such resource/);
  });

  it("answers a missing format suffix with 404 in XML, the mandatory format", async () => {
    for (const path of ["discovery", "services", "services/GARBAGE", "requests", "servicerequestupdates"]) {
      expectOpen311Error(await get(sys, path), "xml", 404, /\.xml or \.json/);
    }
    expectOpen311Error(await get(sys, "services.csv"), "xml", 404, /\.xml or \.json/);
    const id = await anyRequestId();
    expectOpen311Error(await get(sys, `requests/${id}`), "xml", 404, /\.xml or \.json/);
    const reply = await refusedWrite(() =>
      fetch(o311(sys, "requests"), {
        method: "POST",
        body: new URLSearchParams(reportFields(key) as Record<string, string>),
      }).then(toReply),
    );
    expectOpen311Error(reply, "xml", 404, /\.xml or \.json/);
  });
});

describe("403 Forbidden", () => {
  it.each(FORMATS)("refuses a POST without an api_key and writes nothing (%s)", async (format) => {
    const { api_key: _key, ...fields } = reportFields(key);
    expectOpen311Error(await refusedWrite(() => postRequest(sys, format, fields)), format, 403, /api_key is required/);
    expectOpen311Error(
      await refusedWrite(() => postRequest(sys, format, { ...fields, api_key: "" })),
      format,
      403,
      /api_key is required/,
    );
  });

  it.each(FORMATS)("refuses a POST with a wrong api_key and writes nothing (%s)", async (format) => {
    const wrong = `${key.slice(0, -2)}xx`;
    expectOpen311Error(await refusedWrite(() => postRequest(sys, format, reportFields(wrong))), format, 403, /Invalid api_key/);
    expectOpen311Error(
      await refusedWrite(() => postRequest(sys, format, reportFields("bld_nope"))),
      format,
      403,
      /Invalid api_key/,
    );
  });

  it("refuses a wrong api_key sent with photos and stores none of them", async () => {
    const reply = await refusedWrite(() =>
      postRequest(sys, "json", reportFields("bld_wrong"), { files: [{ bytes: jpegHeaderThen(1000), name: "x.jpg" }] }),
    );
    expectOpen311Error(reply, "json", 403, /api_key/);
  });
});

describe("400 Bad Request, and nothing written", () => {
  const cases400: [string, (f: Fields) => Fields, RegExp][] = [
    ["a missing service_code", ({ service_code: _s, ...f }) => f, /service_code is required/],
    ["an empty service_code", (f) => ({ ...f, service_code: "" }), /service_code is required/],
    ["an unknown service_code", (f) => ({ ...f, service_code: "NO_SUCH_SERVICE" }), /Unknown service code 'NO_SUCH_SERVICE'/],
    ["a malformed service_code", (f) => ({ ...f, service_code: "GARBAGE; drop" }), /[Ss]ervice code/],
    ["a missing location", ({ lat: _a, long: _b, ...f }) => f, /location is required/],
    ["a lat without a long", ({ long: _b, ...f }) => f, /location is required/],
    [
      "an address_string only (it cannot be located)",
      ({ lat: _a, long: _b, ...f }) => ({ ...f, address_string: "قطعة 3" }),
      /lat and long are required/,
    ],
    ["a lat that is not a number", (f) => ({ ...f, lat: "twenty-nine" }), /lat must be a decimal number/],
    ["a long that is not a number", (f) => ({ ...f, long: "48,1" }), /long must be a decimal number/],
    ["a lat beyond 90", (f) => ({ ...f, lat: "95.5" }), /lat|location/],
    [
      "a point in Riyadh",
      (f) => ({ ...f, lat: String(OUTSIDE_KUWAIT.riyadh.lat), long: String(OUTSIDE_KUWAIT.riyadh.lng) }),
      /not inside any municipal area of Kuwait/,
    ],
    [
      "a point in the Gulf",
      (f) => ({ ...f, lat: String(OUTSIDE_KUWAIT.gulf.lat), long: String(OUTSIDE_KUWAIT.gulf.lng) }),
      /not inside any municipal area of Kuwait/,
    ],
    ["a 4,001-character description", (f) => ({ ...f, description: "ب".repeat(4001) }), /description/],
    ["a media_url that is not a URL", (f) => ({ ...f, media_url: "not a url" }), /mediaUrl|media_url/],
    ["an invalid phone", (f) => ({ ...f, phone: "12" }), /phone/],
  ];

  it.each(FORMATS.flatMap((format) => cases400.map(([what, change, message]) => [format, what, change, message] as const)))(
    "rejects %s: %s",
    async (format, _what, change, message) => {
      expectOpen311Error(await refusedWrite(() => postRequest(sys, format, change(reportFields(key)))), format, 400, message);
    },
  );

  it("accepts a description of exactly 4,000 characters", async () => {
    const id = createdId(await postRequest(sys, "json", reportFields(key, { description: "ب".repeat(4000) })), "json");
    const [row] = (await sys.deps.store.read((db) => db.select().from(cases))).filter((c) => c.trackingNumber === id);
    expect(row?.description).toHaveLength(4000);
  });

  it.each(FORMATS)("rejects a body that is neither form-encoded nor multipart (%s)", async (format) => {
    const reply = await refusedWrite(() =>
      fetch(o311(sys, `requests.${format}`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(reportFields(key)),
      }).then(toReply),
    );
    expectOpen311Error(reply, format, 400, /form-urlencoded or multipart/);
  });

  const uploads: [string, () => Promise<Upload[]>, RegExp][] = [
    [
      "a text file named .jpg",
      async () => [{ bytes: new TextEncoder().encode("not a photo at all"), name: "photo.jpg", type: "image/jpeg" }],
      /not a JPEG, PNG or WebP/,
    ],
    [
      "a PDF",
      async () => [{ bytes: new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj"), name: "scan.pdf", type: "application/pdf" }],
      /not a JPEG, PNG or WebP/,
    ],
    [
      "bytes that start like a JPEG but are not one",
      async () => [{ bytes: jpegHeaderThen(5000), name: "broken.jpg" }],
      /could not be read as an image/,
    ],
    [
      "a good photo beside a broken one",
      async () => [
        { bytes: await smallPng({ r: 90, g: 91, b: 92 }), name: "good.png", type: "image/png" },
        { bytes: jpegHeaderThen(5000, 0x42), name: "broken.jpg" },
      ],
      /Photo 2 could not be read/,
    ],
    ["a photo over 10 MB", async () => [{ bytes: jpegHeaderThen(10 * 1024 * 1024 + 1), name: "huge.jpg" }], /larger than 10 MB/],
    [
      "six photos",
      async () =>
        Promise.all(
          [1, 2, 3, 4, 5, 6].map(async (i) => ({
            bytes: await smallPng({ r: i, g: 200, b: 7 }),
            name: `p${i}.png`,
            type: "image/png",
          })),
        ),
      /At most 5 photos/,
    ],
  ];

  it.each(FORMATS.flatMap((format) => uploads.map(([what, files, message]) => [format, what, files, message] as const)))(
    "rejects an upload of %s: %s, and leaves no file behind",
    async (format, _what, files, message) => {
      const sent = await files();
      expectOpen311Error(
        await refusedWrite(() => postRequest(sys, format, reportFields(key), { files: sent })),
        format,
        400,
        message,
      );
    },
  );

  it("accepts exactly five photos", async () => {
    const files = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => ({
        bytes: await smallPng({ r: i, g: 100, b: 200 }),
        name: `p${i}.png`,
        type: "image/png",
      })),
    );
    createdId(await postRequest(sys, "json", reportFields(key), { files }), "json");
  });

  it.each(FORMATS)("rejects status=bogus on GET requests (%s)", async (format) => {
    expectOpen311Error(await get(sys, `requests.${format}?status=bogus`), format, 400, /status is open, closed or both/);
    expectOpen311Error(await get(sys, `requests.${format}?status=${encodeURIComponent("open,bogus")}`), format, 400, /status/);
  });
});

describe("429 Too Many Requests", () => {
  it.each(FORMATS)("limits an API key to its own rate per minute, with Retry-After, and writes nothing (%s)", async (format) => {
    const slow = (await newApiKey(sys, `slow-${format}`, 3)).key;
    for (let i = 0; i < 3; i++) createdId(await postRequest(sys, format, reportFields(slow)), format);
    const reply = await refusedWrite(() => postRequest(sys, format, reportFields(slow)));
    expectOpen311Error(reply, format, 429, /Too many requests/);
    const retryAfter = Number(reply.headers.get("retry-after"));
    // One token comes back every 20 seconds at 3 a minute.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    // Another key is not slowed down by it.
    createdId(await postRequest(sys, format, reportFields(key)), format);
  });

  describe("per client address", () => {
    let tight: TestServer;
    let tightKey: string;
    beforeAll(async () => {
      tight = await startTestServer({ rateLimits: { perAddressPerMinute: 5, perApiKeyPerMinute: 600 } });
      tightKey = (await newApiKey(tight, "busy-app")).key;
    });
    afterAll(async () => {
      await tight.close();
    });

    it("answers 429 with Retry-After once an address has used its requests, for reads and writes alike", async () => {
      for (let i = 0; i < 4; i++) expect((await get(tight, "services.json")).status).toBe(200);
      createdId(await postRequest(tight, "xml", reportFields(tightKey)), "xml");
      const read = await get(tight, "services.xml");
      expectOpen311Error(read, "xml", 429, /Too many requests/);
      expect(Number(read.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(read.headers.get("retry-after"))).toBeLessThanOrEqual(12);

      const before = await footprint(tight);
      const write = await postRequest(tight, "json", reportFields(tightKey), {
        files: [{ bytes: await smallPng({ r: 5, g: 5, b: 5 }), name: "a.png" }],
      });
      expectOpen311Error(write, "json", 429, /Too many requests/);
      expect(Number(write.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await footprint(tight)).toEqual(before);
    });
  });
});

describe("jurisdiction_id", () => {
  const reads = (id: string) => [
    "discovery",
    "services",
    "services/GARBAGE",
    "requests",
    `requests/${id}`,
    "servicerequestupdates",
  ];

  it.each(FORMATS)("answers every read for kuwait-municipality (%s)", async (format) => {
    const id = await anyRequestId();
    for (const path of reads(id)) {
      const reply = await get(sys, `${path}.${format}?jurisdiction_id=${JURISDICTION}`);
      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
    }
  });

  it.each(FORMATS)("answers 404 to every read for another jurisdiction (%s)", async (format) => {
    const id = await anyRequestId();
    for (const path of reads(id)) {
      expectOpen311Error(
        await get(sys, `${path}.${format}?jurisdiction_id=riyadh`),
        format,
        404,
        /Unknown jurisdiction_id 'riyadh'/,
      );
    }
  });

  it.each(FORMATS)("accepts a POST for kuwait-municipality, in the query or the form (%s)", async (format) => {
    createdId(await postRequest(sys, format, reportFields(key), { query: `jurisdiction_id=${JURISDICTION}` }), format);
    createdId(await postRequest(sys, format, reportFields(key, { jurisdiction_id: JURISDICTION })), format);
    createdId(await postRequest(sys, format, reportFields(key, { jurisdiction_id: JURISDICTION }), { files: [] }), format);
  });

  it.each(FORMATS)(
    "refuses a POST for another jurisdiction with 404, in the query or the form, and writes nothing (%s)",
    async (format) => {
      const inQuery = await refusedWrite(() => postRequest(sys, format, reportFields(key), { query: "jurisdiction_id=riyadh" }));
      expectOpen311Error(inQuery, format, 404, /Unknown jurisdiction_id 'riyadh'/);
      const inForm = await refusedWrite(() => postRequest(sys, format, reportFields(key, { jurisdiction_id: "riyadh" })));
      expectOpen311Error(inForm, format, 404, /Unknown jurisdiction_id 'riyadh'/);
      const files = [{ bytes: await smallPng({ r: 7, g: 7, b: 9 }), name: "j.png" }];
      const inMultipart = await refusedWrite(() =>
        postRequest(sys, format, reportFields(key, { jurisdiction_id: "riyadh" }), { files }),
      );
      expectOpen311Error(inMultipart, format, 404, /Unknown jurisdiction_id 'riyadh'/);
    },
  );
});
