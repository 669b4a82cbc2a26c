import { attachments, cases } from "@baladiya/api/db/schema";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPhoto, smallPng } from "../helpers/photos";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, newApiKey } from "../helpers/system";
import {
  createdId,
  expectContentType,
  expectOpen311Error,
  footprint,
  FORMATS,
  get,
  postRequest,
  records,
  reportFields,
  type Format,
  type Tree,
} from "./open311-client";

let sys: TestServer;
let key: string;
beforeAll(async () => {
  sys = await startTestServer();
  key = (await newApiKey(sys, "partner-app")).key;
  // So that a report is assigned on intake, as in production.
  await addOfficer(sys, "KW-JA", ["GARBAGE", "FALLEN_TREE"]);
});
afterAll(async () => {
  await sys.close();
});

async function readBack(id: string, format: Format, query = ""): Promise<Record<string, Tree>> {
  const reply = await get(sys, `requests/${id}.${format}${query}`);
  expect(reply.status, reply.text).toBe(200);
  const [record, ...rest] = records(reply, format, "service_requests", "request");
  expect(rest).toEqual([]);
  return record!;
}

async function caseRow(trackingNumber: string) {
  const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, trackingNumber)));
  expect(row).toBeDefined();
  return row!;
}

async function photosOf(trackingNumber: string) {
  const row = await caseRow(trackingNumber);
  return sys.deps.store.read((db) => db.select().from(attachments).where(eq(attachments.caseId, row.id)));
}

async function expectPublicJpegWithoutExif(mediaUrl: string) {
  expect(mediaUrl).toMatch(new RegExp(`^${sys.url}/media/public/[0-9a-f]{64}\\.jpg$`));
  const res = await fetch(mediaUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/jpeg");
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe("jpeg");
  expect(meta.exif).toBeUndefined();
  expect(bytes.includes(Buffer.from("Exif\0\0"))).toBe(false);
  return bytes;
}

describe("POST requests, form-encoded", () => {
  it.each(FORMATS)("creates a request and answers 201 with its service_request_id and no token (%s)", async (format) => {
    const before = await footprint(sys);
    const reply = await postRequest(sys, format, reportFields(key));
    expectContentType(reply, format);
    const id = createdId(reply, format);
    expect(id).toMatch(/^(JA|FA)-2026-\d{6}$/);
    const [record] = records(reply, format, "service_requests", "request");
    expect(Object.keys(record!)).not.toContain("token");
    expect(reply.text).not.toMatch(/token/);
    const after = await footprint(sys);
    expect(after.rows.cases).toBe(before.rows.cases + 1);
  });

  it.each(FORMATS)("makes the new request readable by GET requests/{id} (%s)", async (format) => {
    const fields = reportFields(key, { address_string: "قطعة 3، شارع 15", description: "أكياس نفايات حول الحاوية" });
    const id = createdId(await postRequest(sys, format, fields), format);
    const record = await readBack(id, format);
    expect(record).toMatchObject({
      service_request_id: id,
      service_code: "GARBAGE",
      status: "open",
      description: "أكياس نفايات حول الحاوية",
      lat: fields.lat,
      long: fields.long,
      requested_datetime: "2026-11-28T12:00:00+03:00",
      // 24 working hours, reported on Saturday: from Sunday 00:00 to Monday 00:00, Kuwait time.
      expected_datetime: "2026-11-30T00:00:00+03:00",
      media_url: "",
    });
    expect(record.address).toMatch(/^قطعة 3، شارع 15، /);
  });

  it("stores the reporter and the API client that sent it, with open311 as the source", async () => {
    const id = createdId(await postRequest(sys, "json", reportFields(key, { phone: "+965 5123 4567" })), "json");
    const row = await caseRow(id);
    expect(row.source).toBe("open311");
    expect(row.apiKeyId).not.toBeNull();
    expect(row.reporterPhone).toBe("+96551234567");
  });

  it.each(FORMATS)("says in service_notice when the request is a likely duplicate (%s)", async (format) => {
    const fields = reportFields(key);
    const first = createdId(await postRequest(sys, format, fields), format);
    const again = await postRequest(sys, format, { ...fields, description: "نفس البلاغ" });
    const id = createdId(again, format);
    expect(id).not.toBe(first);
    const [record] = records(again, format, "service_requests", "request");
    expect(record?.service_notice).toBe(`Possible duplicate of ${first}`);
  });
});

describe("POST requests with attributes", () => {
  it.each(FORMATS)("accepts attribute[CODE]=value and stores the value (%s)", async (format) => {
    const id = createdId(
      await postRequest(sys, format, reportFields(key, { service_code: "FALLEN_TREE", "attribute[blocking]": "yes" })),
      format,
    );
    expect(JSON.parse((await caseRow(id)).attributes)).toEqual({ blocking: "yes" });
  });

  it.each(FORMATS)("rejects a request without a required attribute and writes nothing (%s)", async (format) => {
    const before = await footprint(sys);
    const reply = await postRequest(sys, format, reportFields(key, { service_code: "FALLEN_TREE" }));
    expectOpen311Error(reply, format, 400, /blocking/);
    expect(await footprint(sys)).toEqual(before);
  });

  it.each(FORMATS)("rejects a value outside the attribute's list and an unknown attribute (%s)", async (format) => {
    const before = await footprint(sys);
    expectOpen311Error(
      await postRequest(sys, format, reportFields(key, { service_code: "FALLEN_TREE", "attribute[blocking]": "maybe" })),
      format,
      400,
      /yes, no/,
    );
    expectOpen311Error(
      await postRequest(sys, format, reportFields(key, { "attribute[container]": "bin", "attribute[colour]": "red" })),
      format,
      400,
      /colour/,
    );
    expect(await footprint(sys)).toEqual(before);
  });

  it("treats an empty attribute like an absent one", async () => {
    const reply = await postRequest(sys, "json", reportFields(key, { service_code: "FALLEN_TREE", "attribute[blocking]": "" }));
    expectOpen311Error(reply, "json", 400, /blocking.*required/);
    const id = createdId(await postRequest(sys, "json", reportFields(key, { "attribute[container]": "" })), "json");
    expect(JSON.parse((await caseRow(id)).attributes)).toEqual({});
  });
});

describe("POST requests with photos (multipart `media`)", () => {
  it.each(FORMATS)("stores each photo and serves a public JPEG copy without EXIF as media_url (%s)", async (format) => {
    const before = await footprint(sys);
    const reply = await postRequest(sys, format, reportFields(key), {
      files: [
        // Photos no other test sends: the blob store keeps one copy of identical bytes.
        { bytes: await realPhoto(format === "xml" ? "photo_1.JPG" : "photo_3.JPG"), name: "photo.JPG" },
        {
          bytes: await smallPng(format === "xml" ? { r: 10, g: 20, b: 30 } : { r: 30, g: 20, b: 10 }),
          name: "small.png",
          type: "image/png",
        },
      ],
    });
    const id = createdId(reply, format);
    const stored = await photosOf(id);
    expect(stored.map((p) => p.mime)).toEqual(["image/jpeg", "image/png"]);
    const record = await readBack(id, format);
    const publicCopy = await expectPublicJpegWithoutExif(record.media_url as string);
    expect(record.media_url).toBe(`${sys.url}/media/${stored[0]?.publicKey}`);
    // Sized down from the phone photo, not the original bytes.
    expect(publicCopy.length).toBeLessThan((await realPhoto(format === "xml" ? "photo_1.JPG" : "photo_3.JPG")).length);
    const after = await footprint(sys);
    // An original, a public copy and a thumbnail per photo.
    expect(after.blobs.length - before.blobs.length).toBe(6);
  });

  it("accepts the photo field as media[] too", async () => {
    const id = createdId(
      await postRequest(sys, "json", reportFields(key), {
        files: [{ field: "media[]", bytes: await smallPng({ r: 1, g: 2, b: 3 }), name: "a.png" }],
      }),
      "json",
    );
    expect(await photosOf(id)).toHaveLength(1);
    await expectPublicJpegWithoutExif((await readBack(id, "json")).media_url as string);
  });

  it("accepts the other fields in the multipart body as in a form-encoded one", async () => {
    const id = createdId(
      await postRequest(sys, "xml", reportFields(key, { service_code: "FALLEN_TREE", "attribute[blocking]": "no" }), {
        files: [{ bytes: await smallPng(), name: "p.png", type: "image/png" }],
      }),
      "xml",
    );
    expect((await caseRow(id)).serviceCode).toBe("FALLEN_TREE");
    expect(JSON.parse((await caseRow(id)).attributes)).toEqual({ blocking: "no" });
  });
});

describe("POST requests keeps the description byte for byte", () => {
  // Arabic with diacritics, Arabic-Indic digits, a tatweel, an emoji, XML's special characters, a tab and
  // the CRLF line break a browser's textarea sends (multipart bodies carry line breaks as CRLF anyway).
  const description = "شَجَرَةٌ ساقطة أمام المسجد منذ ٣ أيام — يُرجى الإزالة!\r\nالموقع:\t<قطعة ٤> & \"شارع\" 'الخليج' ـ 🌴 &amp;";

  it.each(FORMATS.flatMap((sent) => FORMATS.map((read) => [sent, read] as const)))(
    "returns a description posted form-encoded to requests.%s unchanged in requests/{id}.%s",
    async (sent, read) => {
      const id = createdId(await postRequest(sys, sent, reportFields(key, { description })), sent);
      const returned = (await readBack(id, read)).description as string;
      expect(Buffer.from(returned, "utf8").equals(Buffer.from(description, "utf8"))).toBe(true);
    },
  );

  it.each(FORMATS)("returns a description posted as multipart unchanged (%s)", async (format) => {
    const id = createdId(await postRequest(sys, format, reportFields(key, { description }), { files: [] }), format);
    const returned = (await readBack(id, format)).description as string;
    expect(Buffer.from(returned, "utf8").equals(Buffer.from(description, "utf8"))).toBe(true);
  });

  it("keeps the XML well-formed when a description holds characters XML cannot carry, and JSON carries them exactly", async () => {
    const odd = "بلاغ\u0001 مع\u001f رموز\uFFFE تحكم\u000b";
    const id = createdId(await postRequest(sys, "json", reportFields(key, { description: odd })), "json");
    const xml = await get(sys, `requests/${id}.xml`);
    // XML 1.0's Char production: tab, LF, CR and U+0020 on, less the surrogates and U+FFFE/U+FFFF.
    const notXmlChar = (ch: string) => {
      const cp = ch.codePointAt(0) ?? 0;
      return (cp < 0x20 && ![0x9, 0xa, 0xd].includes(cp)) || cp === 0xfffe || cp === 0xffff || (cp >= 0xd800 && cp <= 0xdfff);
    };
    expect([...xml.text].filter(notXmlChar)).toEqual([]);
    expect((await readBack(id, "xml")).description).toBe([...odd].map((ch) => (notXmlChar(ch) ? "\ufffd" : ch)).join(""));
    expect((await readBack(id, "json")).description).toBe(odd);
  });

  it.each(FORMATS)("carries Arabic as raw UTF-8 bytes, not escaped (%s)", async (format) => {
    const arabic = "حاوية ممتلئة أمام المدرسة";
    const id = createdId(await postRequest(sys, format, reportFields(key, { description: arabic })), format);
    const reply = await get(sys, `requests/${id}.${format}`);
    expect(Buffer.from(reply.bytes).includes(Buffer.from(arabic, "utf8"))).toBe(true);
  });
});

describe("POST requests with an Idempotency-Key", () => {
  it.each(FORMATS)(
    "answers a retry with the same body with the same service_request_id and writes nothing more (%s)",
    async (format) => {
      const fields = reportFields(key);
      const headers = { "idempotency-key": `retry-${format}-${Date.now()}` };
      const first = createdId(await postRequest(sys, format, fields, { headers }), format);
      const before = await footprint(sys);
      const again = await postRequest(sys, format, fields, { headers });
      expect(createdId(again, format)).toBe(first);
      expect(await footprint(sys)).toEqual(before);
    },
  );

  it("replays a retried multipart upload without storing its photos again", async () => {
    const fields = reportFields(key);
    const files = [{ bytes: await realPhoto("photo_2.JPG"), name: "photo_2.JPG" }];
    const headers = { "idempotency-key": `photo-retry-${Date.now()}` };
    const first = createdId(await postRequest(sys, "json", fields, { files, headers }), "json");
    const before = await footprint(sys);
    expect(createdId(await postRequest(sys, "json", fields, { files, headers }), "json")).toBe(first);
    expect(await footprint(sys)).toEqual(before);
  });

  it.each(FORMATS)("rejects the same key with a different body with 400 and writes nothing (%s)", async (format) => {
    const fields = reportFields(key);
    const headers = { "idempotency-key": `conflict-${format}-${Date.now()}` };
    createdId(await postRequest(sys, format, fields, { headers }), format);
    const before = await footprint(sys);
    const reply = await postRequest(
      sys,
      format,
      { ...fields, description: "وصف آخر" },
      { headers, files: [{ bytes: await smallPng(), name: "x.png" }] },
    );
    expectOpen311Error(reply, format, 400, /idempotency key/i);
    expect(await footprint(sys)).toEqual(before);
  });

  it("scopes keys to the API client: another client's same key opens its own request", async () => {
    const other = (await newApiKey(sys, "another-app")).key;
    const headers = { "idempotency-key": `shared-${Date.now()}` };
    const fields = reportFields(key);
    const mine = createdId(await postRequest(sys, "json", fields, { headers }), "json");
    const theirs = createdId(await postRequest(sys, "json", { ...fields, api_key: other }, { headers }), "json");
    expect(theirs).not.toBe(mine);
  });
});
