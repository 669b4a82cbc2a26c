import { attachments, cases } from "@baladiya/api/db/schema";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPhoto } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, newApiKey } from "../helpers/system";
import { createdId, FORMATS, get, postRequest, records } from "./open311-client";

let sys: TestServer;
let id = "";
let gps = { lat: 0, lng: 0 };
let keys = { publicKey: "", thumbKey: "", originalKey: "" };

const reporter = {
  first_name: "Zubaida",
  last_name: "Al-Qasrawi",
  phone: "+965 6987 1234",
  email: "zubaida.qasrawi@example.com",
};

/** Every way the reporter or the photo's whereabouts could leak into a public text. */
function secrets(): string[] {
  return [
    "Zubaida",
    "Qasrawi",
    "69871234",
    "6987 1234",
    "zubaida.qasrawi",
    "example.com",
    gps.lat.toFixed(3),
    gps.lng.toFixed(3),
    String(gps.lat).slice(0, 6),
    String(gps.lng).slice(0, 6),
  ];
}

beforeAll(async () => {
  sys = await startTestServer();
  const key = (await newApiKey(sys, "partner-app")).key;
  await addOfficer(sys, "KW-HA", ["GARBAGE"]);
  const reply = await postRequest(
    sys,
    "json",
    {
      api_key: key,
      service_code: "GARBAGE",
      lat: String(POINTS.salmiya.lat),
      long: String(POINTS.salmiya.lng),
      description: "حاوية ممتلئة بجانب الحديقة",
      ...reporter,
    },
    { files: [{ bytes: await realPhoto("photo_1.JPG"), name: "IMG_0001.JPG" }] },
  );
  id = createdId(reply, "json");
  const [row] = await sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, id)));
  const [photo] = await sys.deps.store.read((db) => db.select().from(attachments).where(eq(attachments.caseId, row!.id)));
  // What the test looks for must really be there, kept privately.
  expect(row).toMatchObject({ reporterName: "Zubaida Al-Qasrawi", reporterPhone: "+96569871234", reporterEmail: reporter.email });
  expect(photo?.exifLat).toEqual(expect.any(Number));
  expect(photo?.exifLng).toEqual(expect.any(Number));
  gps = { lat: photo!.exifLat!, lng: photo!.exifLng! };
  keys = { publicKey: photo!.publicKey, thumbKey: photo!.thumbKey, originalKey: photo!.originalKey };
});
afterAll(async () => {
  await sys.close();
});

function expectNoSecrets(where: string, text: string) {
  expect(text.length, where).toBeGreaterThan(0);
  for (const secret of secrets()) expect(text.includes(secret), `${where} contains ${secret}`).toBe(false);
}

describe("What the public sees of a report sent with personal details and a geotagged photo", () => {
  it("has the photo's real position to hide: far from the report's, in Bath", () => {
    expect(gps.lat).toBeGreaterThan(51);
    expect(gps.lat).toBeLessThan(52);
    expect(Math.abs(gps.lat - POINTS.salmiya.lat)).toBeGreaterThan(1);
  });

  it.each(FORMATS)("keeps the name, phone, email and photo position out of GET requests (%s)", async (format) => {
    for (const path of [
      `requests.${format}`,
      `requests.${format}?service_request_id=${id}`,
      `requests/${id}.${format}`,
      `requests/${id}.${format}?locale=en`,
    ]) {
      const reply = await get(sys, path);
      expect(reply.status).toBe(200);
      expect(records(reply, format, "service_requests", "request").map((r) => r.service_request_id)).toEqual([id]);
      expectNoSecrets(path, reply.text);
    }
  });

  it.each(FORMATS)("keeps them out of servicerequestupdates (%s)", async (format) => {
    for (const path of [
      `servicerequestupdates.${format}`,
      `servicerequestupdates.${format}?locale=en&service_request_id=${id}`,
    ]) {
      const reply = await get(sys, path);
      expect(reply.status).toBe(200);
      expect(records(reply, format, "service_request_updates", "request_update").length).toBeGreaterThan(0);
      expectNoSecrets(path, reply.text);
    }
  });

  it("serves a public copy and a thumbnail without any metadata", async () => {
    const [record] = JSON.parse((await get(sys, `requests/${id}.json`)).text) as { media_url: string }[];
    expect(record?.media_url).toBe(`${sys.url}/media/${keys.publicKey}`);
    for (const url of [record!.media_url, `${sys.url}/media/${keys.thumbKey}`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc }).toEqual({ exif: undefined, xmp: undefined, iptc: undefined });
      expect(bytes.includes(Buffer.from("Exif\0\0"))).toBe(false);
      expect(bytes.includes(Buffer.from("GPS"))).toBe(false);
      expectNoSecrets(url, bytes.toString("latin1"));
    }
  });

  it("does not serve the original, which keeps its metadata", async () => {
    const original = await sharp(Buffer.from(await realPhoto("photo_1.JPG"))).metadata();
    expect(original.exif).toBeDefined();
    expect(keys.originalKey).toMatch(/^originals\//);
    expect((await fetch(`${sys.url}/media/${keys.originalKey}`)).status).toBe(404);
    const file = keys.originalKey.slice("originals/".length).replace(/\.jpeg$/, ".jpg");
    expect((await fetch(`${sys.url}/media/originals/${file}`)).status).toBe(404);
  });
});
