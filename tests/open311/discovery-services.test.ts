import { SERVICE_CATALOGUE } from "@baladiya/api/domain/reference/catalogue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  asXmlText,
  expectContentType,
  expectOpen311Error,
  FORMATS,
  get,
  parseXml,
  records,
  XML_DECLARATION,
  type Format,
  type Tree,
} from "./open311-client";

let sys: TestServer;
beforeAll(async () => {
  sys = await startTestServer();
});
afterAll(async () => {
  await sys.close();
});

const withAttributes = SERVICE_CATALOGUE.filter((s) => s.attributes.length > 0);
const withoutAttributes = SERVICE_CATALOGUE.filter((s) => s.attributes.length === 0);

async function serviceList(format: Format, query = "") {
  const reply = await get(sys, `services.${format}${query}`);
  expect(reply.status).toBe(200);
  expectContentType(reply, format);
  return records(reply, format, "services", "service");
}

async function definition(format: Format, code: string, query = ""): Promise<Record<string, Tree>> {
  const reply = await get(sys, `services/${code}.${format}${query}`);
  expect(reply.status, reply.text).toBe(200);
  expectContentType(reply, format);
  if (format === "json") {
    const body = JSON.parse(reply.text) as unknown;
    expect(Array.isArray(body)).toBe(false);
    return asXmlText(body, undefined) as Record<string, Tree>;
  }
  const doc = parseXml(reply.text);
  return doc.service_definition as Record<string, Tree>;
}

/** What `services/{code}` must say of a catalogue attribute, as XML text reads it. */
function expectedAttributes(code: string, locale: "ar" | "en"): Tree {
  const service = SERVICE_CATALOGUE.find((s) => s.code === code);
  if (!service || service.attributes.length === 0) return "";
  return {
    attribute: service.attributes.map(
      (a) =>
        expect.objectContaining({
          variable: "true",
          code: a.code,
          datatype: a.datatype,
          required: String(a.required),
          order: String(a.order),
          description: a.description[locale],
          values: a.values.length ? { value: a.values.map((v) => ({ key: v.key, name: v.name[locale] })) } : "",
        }) as Tree,
    ),
  };
}

describe("GET discovery", () => {
  it.each(FORMATS)("describes this endpoint, its formats and how to get a key (%s)", async (format) => {
    const reply = await get(sys, `discovery.${format}`);
    expect(reply.status).toBe(200);
    expectContentType(reply, format);
    const body =
      format === "json"
        ? (asXmlText(JSON.parse(reply.text)) as Record<string, Tree>)
        : (parseXml(reply.text).discovery as Record<string, Tree>);
    expect(body).toMatchObject({
      changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/),
      contact: expect.stringMatching(/139/),
      key_service: expect.stringMatching(/api-key/),
      endpoints: {
        endpoint: [
          {
            specification: "http://wiki.open311.org/GeoReport_v2",
            url: `${sys.url}/open311/v2`,
            type: "production",
            changeset: expect.stringMatching(/\+03:00$/),
            formats: { format: ["text/xml", "application/json"] },
          },
        ],
      },
    });
  });

  it("says the same in XML and JSON", async () => {
    const xml = parseXml((await get(sys, "discovery.xml")).text).discovery;
    const json = asXmlText(JSON.parse((await get(sys, "discovery.json")).text));
    expect(xml).toEqual(json);
  });

  it("starts its XML with the declaration", async () => {
    expect((await get(sys, "discovery.xml")).text.startsWith(`${XML_DECLARATION}\n<discovery>`)).toBe(true);
  });
});

describe("GET services", () => {
  it.each(FORMATS)("lists every catalogue service once, in Arabic by default (%s)", async (format) => {
    const list = await serviceList(format);
    expect(list.map((s) => s.service_code)).toEqual(SERVICE_CATALOGUE.map((s) => s.code));
    for (const s of SERVICE_CATALOGUE) {
      const listed = list.find((l) => l.service_code === s.code);
      expect(listed).toEqual({
        service_code: s.code,
        service_name: s.name.ar,
        description: s.description.ar,
        metadata: String(s.attributes.length > 0),
        type: "realtime",
        keywords: s.keywords.join(","),
        group: s.group.ar,
      });
    }
  });

  it.each(FORMATS)("answers in English with ?locale=en (%s)", async (format) => {
    const list = await serviceList(format, "?locale=en");
    expect(list.map((s) => [s.service_code, s.service_name, s.description, s.group])).toEqual(
      SERVICE_CATALOGUE.map((s) => [s.code, s.name.en, s.description.en, s.group.en]),
    );
  });

  it.each(FORMATS)("follows Accept-Language when no locale is given, and treats an empty locale as none (%s)", async (format) => {
    const english = { "accept-language": "en-GB,en;q=0.9" };
    const byHeader = records(await get(sys, `services.${format}`, english), format, "services", "service");
    expect(byHeader.map((s) => s.service_name)).toEqual(SERVICE_CATALOGUE.map((s) => s.name.en));
    const emptyLocale = records(await get(sys, `services.${format}?locale=`, english), format, "services", "service");
    expect(emptyLocale).toEqual(byHeader);
    expect(await serviceList(format, "?locale=")).toEqual(await serviceList(format));
  });

  it.each(FORMATS)("sets metadata true exactly for the services that have attributes (%s)", async (format) => {
    const list = await serviceList(format);
    expect(withAttributes.length).toBeGreaterThan(0);
    expect(withoutAttributes.length).toBeGreaterThan(0);
    expect(list.filter((s) => s.metadata === "true").map((s) => s.service_code)).toEqual(withAttributes.map((s) => s.code));
    expect(list.filter((s) => s.metadata === "false").map((s) => s.service_code)).toEqual(withoutAttributes.map((s) => s.code));
  });

  it("carries the same records in XML and JSON", async () => {
    for (const query of ["", "?locale=en"]) {
      expect(await serviceList("xml", query)).toEqual(await serviceList("json", query));
    }
  });

  it("is a top-level JSON array", async () => {
    expect(Array.isArray(JSON.parse((await get(sys, "services.json")).text))).toBe(true);
  });
});

describe("GET services/{service_code}", () => {
  it.each(FORMATS)("defines each attribute with its values, in Arabic by default (%s)", async (format) => {
    for (const s of withAttributes) {
      const def = await definition(format, s.code);
      expect(def).toEqual({ service_code: s.code, attributes: expectedAttributes(s.code, "ar") });
    }
  });

  it.each(FORMATS)("defines the attributes in English with ?locale=en (%s)", async (format) => {
    for (const s of withAttributes) {
      expect(await definition(format, s.code, "?locale=en")).toEqual({
        service_code: s.code,
        attributes: expectedAttributes(s.code, "en"),
      });
    }
  });

  it("marks a required attribute as required", async () => {
    const required = withAttributes.flatMap((s) => s.attributes.filter((a) => a.required).map((a) => [s.code, a.code] as const));
    expect(required.length).toBeGreaterThan(0);
    for (const [service, attribute] of required) {
      const body = JSON.parse((await get(sys, `services/${service}.json`)).text) as {
        attributes: { code: string; required: boolean }[];
      };
      expect(body.attributes.find((a) => a.code === attribute)?.required).toBe(true);
    }
  });

  it.each(FORMATS)("has no attributes for a service without any (%s)", async (format) => {
    const s = withoutAttributes[0]!;
    expect(await definition(format, s.code)).toEqual({ service_code: s.code, attributes: "" });
  });

  it("carries the same definition in XML and JSON", async () => {
    for (const s of SERVICE_CATALOGUE) {
      expect(await definition("xml", s.code)).toEqual(await definition("json", s.code));
    }
  });

  it.each(FORMATS)("answers 404 with the Open311 error body for an unknown service code (%s)", async (format) => {
    expectOpen311Error(await get(sys, `services/NO_SUCH_SERVICE.${format}`), format, 404, /Service not found/);
  });
});
