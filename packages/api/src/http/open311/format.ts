/** Open311 GeoReport v2 bodies: the same records as XML (mandatory) or JSON (top-level arrays). */

export type Format = "xml" | "json";
type Scalar = string | number | boolean | null | undefined;
export type XmlValue = Scalar | XmlValue[] | { [key: string]: XmlValue };

/**
 * Characters outside XML 1.0's Char production (with the `u` flag only lone surrogates match): one
 * of them in a description would make the whole feed unreadable, so each becomes U+FFFD.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/gu;

/** A raw CR would reach the reader as LF (XML normalises line ends), so it travels as a reference. */
function escapeXml(s: string): string {
  return s
    .replace(NOT_XML_CHAR, "\ufffd")
    .replace(
      /[<>&'"\r]/g,
      (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;", "\r": "&#13;" })[c] ?? c,
    );
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) throw new Error("arrays are wrapped by listElement");
  if (typeof value === "object") {
    const inner = Object.entries(value)
      .map(([k, v]) => (Array.isArray(v) ? listElement(k, v) : element(k, v)))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Lists are described as `{ wrapper: [items] }`; each item's tag is the wrapper's singular. */
const ITEM_TAG: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  keywords: "keyword",
  service_request_updates: "request_update",
};

function listElement(name: string, items: XmlValue[]): string {
  const tag = ITEM_TAG[name] ?? "item";
  return `<${name}>${items.map((i) => element(tag, i)).join("")}</${name}>`;
}

export function toXml(root: string, value: XmlValue): string {
  const body = Array.isArray(value) ? listElement(root, value) : element(root, value);
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}`;
}

export const CONTENT_TYPE: Record<Format, string> = {
  xml: "text/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** `keywords` are a comma list in Open311's JSON and XML alike. */
export function render(format: Format, root: string, value: XmlValue): string {
  return format === "json" ? JSON.stringify(value) : toXml(root, value);
}
