import { readdir } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";
import { countRows } from "../helpers/db";
import { north, POINTS } from "../helpers/points";
import type { TestSystem } from "../helpers/system";

export type Format = "xml" | "json";
export const FORMATS: Format[] = ["xml", "json"];
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
export const JURISDICTION = "kuwait-municipality";

/** The tags Open311 repeats inside a list, so one item still parses as a list. */
const LIST_ITEMS = new Set(["service", "request", "error", "attribute", "value", "endpoint", "format", "request_update"]);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Values stay exactly as sent: no number guessing, no trimming.
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Also decodes numeric character references (&#13;), which XML has and the default setting skips.
  htmlEntities: true,
  isArray: (name) => LIST_ITEMS.has(name),
});

export type Tree = string | Tree[] | { [key: string]: Tree };

export function parseXml(text: string): Record<string, Tree> {
  expect(text.startsWith(`${XML_DECLARATION}\n`) || text.startsWith(`${XML_DECLARATION}<`)).toBe(true);
  return parser.parse(text) as Record<string, Tree>;
}

/** The items of `<root><item>…</item>…</root>`; an empty list is `<root></root>`. */
export function xmlItems(text: string, root: string, item: string): Record<string, Tree>[] {
  const doc = parseXml(text);
  expect(Object.keys(doc).filter((k) => k !== "?xml")).toEqual([root]);
  const wrapper = doc[root];
  if (wrapper === "" || wrapper === undefined) return [];
  expect(typeof wrapper).toBe("object");
  const items = (wrapper as Record<string, Tree>)[item] ?? [];
  return items as Record<string, Tree>[];
}

/** A JSON value as its XML text would read: null is an empty element, numbers and booleans their text. */
export function asXmlText(value: unknown, listItem?: string): Tree {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    if (value.length === 0) return "";
    return { [listItem ?? "item"]: value.map((v) => asXmlText(v)) };
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asXmlText(v, ITEM_OF[k])]));
}

const ITEM_OF: Record<string, string> = { attributes: "attribute", values: "value", endpoints: "endpoint", formats: "format" };

export const o311 = (sys: { url: string }, pathAndQuery: string) => `${sys.url}/open311/v2/${pathAndQuery}`;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

export async function toReply(res: Response): Promise<Reply> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes), bytes };
}

export async function get(sys: { url: string }, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return toReply(await fetch(o311(sys, pathAndQuery), { headers }));
}

export type Fields = Record<string, string | string[]>;
export interface Upload {
  field?: string;
  bytes: Uint8Array;
  name: string;
  type?: string;
}

/** POST requests.{format}: form-encoded, or multipart when files travel with it. */
export async function postRequest(
  sys: { url: string },
  format: Format,
  fields: Fields,
  options: { files?: Upload[]; headers?: Record<string, string>; query?: string } = {},
): Promise<Reply> {
  const url = o311(sys, `requests.${format}${options.query ? `?${options.query}` : ""}`);
  let body: URLSearchParams | FormData;
  if (options.files) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    for (const f of options.files) {
      form.append(f.field ?? "media", new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? "image/jpeg" }), f.name);
    }
    body = form;
  } else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  return toReply(await fetch(url, { method: "POST", body, headers: options.headers ?? {} }));
}

/** The records of a reply in either format, as XML text would carry them. */
export function records(reply: Reply, format: Format, root: string, item: string): Record<string, Tree>[] {
  if (format === "xml") return xmlItems(reply.text, root, item);
  const parsed = JSON.parse(reply.text) as unknown;
  expect(Array.isArray(parsed)).toBe(true);
  return (parsed as Record<string, unknown>[]).map((r) => asXmlText(r) as Record<string, Tree>);
}

export function expectContentType(reply: Reply, format: Format) {
  expect(reply.headers.get("content-type")).toBe(
    format === "xml" ? "text/xml; charset=utf-8" : "application/json; charset=utf-8",
  );
}

/** Open311's error body, exactly: one error whose code is the HTTP status. */
export function expectOpen311Error(reply: Reply, format: Format, status: number, description: RegExp) {
  expect({ status: reply.status, text: reply.text }).toMatchObject({ status });
  expectContentType(reply, format);
  if (format === "json") {
    const body = JSON.parse(reply.text) as unknown;
    expect(body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
  } else {
    expect(reply.text.startsWith(`${XML_DECLARATION}\n<errors><error><code>${status}</code><description>`)).toBe(true);
    expect(reply.text.endsWith("</description></error></errors>")).toBe(true);
    expect(xmlItems(reply.text, "errors", "error")).toEqual([
      { code: String(status), description: expect.stringMatching(description) },
    ]);
  }
}

export function createdId(reply: Reply, format: Format): string {
  expect(reply.status, reply.text).toBe(201);
  const [first, ...rest] = records(reply, format, "service_requests", "request");
  expect(rest).toEqual([]);
  const id = first?.service_request_id;
  expect(typeof id).toBe("string");
  return id as string;
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** What a write leaves behind: rows in every table that matters and files in the blob folder. */
export async function footprint(sys: TestSystem) {
  return { rows: await countRows(sys), blobs: await filesUnder(path.join(sys.dir, "blobs")) };
}

export const KUWAIT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;

const INLAND = [POINTS.jahra, POINTS.khaitan];
let spots = 0;
/** A fresh point inside Kuwait, at least 60 m from the previous ones (for twenty calls), so duplicate notices stay out of the way. */
export function nextSpot(): { lat: number; lng: number } {
  const n = spots++;
  const base = INLAND[n % INLAND.length]!;
  return north(base, (Math.floor(n / INLAND.length) % 10) * 60 - 300);
}

/** The form fields of a valid garbage report at a fresh point. */
export function reportFields(apiKey: string, over: Fields = {}): Fields {
  const at = nextSpot();
  return {
    api_key: apiKey,
    service_code: "GARBAGE",
    lat: String(at.lat),
    long: String(at.lng),
    description: "حاوية ممتلئة منذ ثلاثة أيام",
    ...over,
  };
}
