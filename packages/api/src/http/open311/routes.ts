import type { PublicCase } from "@baladiya/shared/case";
import { toKuwaitIso, type Locale } from "@baladiya/shared/i18n";
import { Hono, type Context } from "hono";
import { authenticateApiKey, type ApiClient } from "../../domain/api-key/authenticate-api-key";
import { getPublicCase } from "../../domain/case/get-public-case";
import { listPublicCases } from "../../domain/case/list-public-cases";
import { listPublicUpdates } from "../../domain/case/list-public-updates";
import { resolveRequestToken } from "../../domain/case/resolve-request-token";
import { submitReport } from "../../domain/case/submit-report";
import type { Ctx, Deps } from "../../domain/context";
import { DomainError } from "../../domain/errors";
import type { PhotoUpload } from "../../domain/media/store-photos";
import { getService, listServices } from "../../domain/service/list-services";
import type { RateLimiter } from "../../ports/rate-limiter";
import type { HttpConfig } from "../config";
import { open311Error } from "./errors";
import { CONTENT_TYPE, render, type Format, type XmlValue } from "./format";

export interface Open311Options {
  deps: Deps;
  config: HttpConfig;
  rateLimiter: RateLimiter;
  clientAddress: (c: Context) => string;
  readText?: ((c: Context) => Promise<string> | null) | undefined;
}

const SPEC_URL = "http://wiki.open311.org/GeoReport_v2";

function splitFormat(segment: string): { name: string; format: Format | null } {
  const dot = segment.lastIndexOf(".");
  if (dot <= 0) return { name: segment, format: null };
  const ext = segment.slice(dot + 1).toLowerCase();
  return { name: segment.slice(0, dot), format: ext === "xml" || ext === "json" ? ext : null };
}

/** Open311: an empty parameter behaves like an absent one. */
function param(value: string | File | (string | File)[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

/** A date, or a date-time with its timezone: without one the instant would depend on the server's zone. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** Date would roll 2026-02-30 over into March rather than refuse it. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

function parseDate(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const m = ISO_DATE.exec(value);
  const at = new Date(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number.isNaN(at.getTime())) {
    throw new DomainError("VALIDATION", `${name} must be an ISO 8601 date, or date-time with a timezone`);
  }
  return at;
}

type FormBody = Record<string, string | File | (string | File)[]>;

/** Form-encoded bodies are parsed directly (the common case, and much cheaper than FormData). */
async function readForm(c: Context, readText: Open311Options["readText"]): Promise<FormBody> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("application/x-www-form-urlencoded")) {
      const body: FormBody = {};
      for (const [k, v] of new URLSearchParams(await (readText?.(c) ?? c.req.text()))) {
        const prev = body[k];
        body[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      return body;
    }
    if (type.startsWith("multipart/form-data")) return await c.req.parseBody({ all: true });
  } catch (cause) {
    throw new DomainError("VALIDATION", "The request body could not be read as a form", { cause });
  }
  throw new DomainError("VALIDATION", "The body must be application/x-www-form-urlencoded or multipart/form-data");
}

function localeOf(c: Context): Locale {
  const asked = param(c.req.query("locale")) ?? c.req.header("accept-language") ?? "ar";
  return asked.toLowerCase().startsWith("en") ? "en" : "ar";
}

export function open311Routes({ deps, config, rateLimiter, clientAddress, readText }: Open311Options): Hono {
  const app = new Hono();
  const log = (e: unknown) => deps.log.error("open311 request failed", { error: e instanceof Error ? e.stack : String(e) });
  const publicCtx: Ctx = { deps, actor: { kind: "public" } };
  // Serialised answers per cached view object: a view is immutable once made.
  const rendered = new WeakMap<PublicCase, Map<string, string>>();
  const keyCache = new Map<string, { client: ApiClient; until: number }>();

  const baseUrl = (c: Context) => config.publicUrl ?? new URL(c.req.url).origin;
  const absolute = (c: Context, path: string | null) => (path ? (path.startsWith("/") ? `${baseUrl(c)}${path}` : path) : null);

  const limit = (bucket: string, perMinute: number) => {
    const decision = rateLimiter.take(bucket, perMinute);
    if (!decision.allowed) {
      throw new DomainError("RATE_LIMITED", "Too many requests; slow down", { retryAfterSeconds: decision.retryAfterSeconds });
    }
  };

  const authenticate = async (key: string | undefined): Promise<ApiClient> => {
    const cached = key ? keyCache.get(key) : undefined;
    if (cached && cached.until > Date.now()) return cached.client;
    const client = await authenticateApiKey({ deps, key });
    if (keyCache.size > 10_000) keyCache.clear();
    // Short-lived so a revoked key stops working within seconds.
    keyCache.set(key ?? "", { client, until: Date.now() + 10_000 });
    return client;
  };

  const reply = (c: Context, format: Format, root: string, value: XmlValue, status: 200 | 201 = 200) =>
    c.body(render(format, root, value), status, { "content-type": CONTENT_TYPE[format] });

  const checkJurisdiction = (j: string | undefined) => {
    if (j && j !== config.jurisdictionId) throw new DomainError("NOT_FOUND", `Unknown jurisdiction_id '${j}'`);
  };

  const requestRecord = (c: Context, p: PublicCase, locale: Locale): XmlValue => {
    const last = p.timeline[p.timeline.length - 1];
    return {
      service_request_id: p.trackingNumber,
      status: p.open311Status,
      extended_status: p.extendedStatus,
      status_notes: last?.text?.[locale] ?? last?.note ?? null,
      service_name: p.serviceName[locale],
      service_code: p.serviceCode,
      description: p.description,
      agency_responsible: `${p.department[locale]} - ${p.governorate.name[locale]}`,
      service_notice: null,
      requested_datetime: toKuwaitIso(new Date(p.requestedAt)),
      updated_datetime: toKuwaitIso(new Date(p.updatedAt)),
      expected_datetime: toKuwaitIso(new Date(p.dueAt)),
      address: [p.addressString, p.area[locale], p.governorate.name[locale]].filter(Boolean).join(locale === "ar" ? "، " : ", "),
      address_id: null,
      zipcode: null,
      lat: p.location.lat,
      long: p.location.lng,
      media_url: absolute(c, p.photos[0]?.url ?? null),
    };
  };

  // Every Open311 call is limited per client address; writes also per API key.
  const handle =
    (fn: (c: Context, format: Format, name: string) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const segment = c.req.param("file") ?? "";
      const { name, format } = splitFormat(segment);
      const fmt: Format = format ?? "xml";
      try {
        if (!format) throw new DomainError("NOT_FOUND", "Add a format: .xml or .json");
        limit(`addr:${clientAddress(c)}`, config.rateLimits.perAddressPerMinute);
        checkJurisdiction(param(c.req.query("jurisdiction_id")));
        return await fn(c, format, name);
      } catch (error) {
        return open311Error(c, fmt, error, log);
      }
    };

  app.get(
    "/:file",
    handle(async (c, format, name) => {
      const locale = localeOf(c);
      switch (name) {
        case "discovery": {
          const base = baseUrl(c);
          return reply(c, format, "discovery", {
            changeset: "2026-11-28T00:00:00+03:00",
            contact: "Kuwait Municipality — hotline 139",
            key_service: `Ask the municipality for an API key; operators run: pnpm baladiya api-key create NAME`,
            endpoints: [
              {
                specification: SPEC_URL,
                url: `${base}/open311/v2`,
                changeset: "2026-11-28T00:00:00+03:00",
                type: "production",
                formats: ["text/xml", "application/json"],
              },
            ],
          });
        }
        case "services": {
          const services = await listServices({ ctx: publicCtx });
          return reply(
            c,
            format,
            "services",
            services.map((s) => ({
              service_code: s.code,
              service_name: s.name[locale],
              description: s.description[locale],
              metadata: s.attributes.length > 0,
              type: "realtime",
              keywords: s.keywords.join(","),
              group: s.group[locale],
            })),
          );
        }
        case "requests": {
          const q = (k: string) => param(c.req.query(k));
          const statuses = list(q("status"));
          if (statuses?.some((s) => s !== "open" && s !== "closed"))
            throw new DomainError("VALIDATION", "status is open, closed or both");
          const trackingNumbers = list(q("service_request_id"))?.map((s) => s.toUpperCase());
          const cases = await listPublicCases({
            ctx: publicCtx,
            input: {
              ...(trackingNumbers ? { trackingNumbers } : {}),
              ...(list(q("service_code")) ? { serviceCodes: list(q("service_code")) } : {}),
              ...(q("start_date") ? { start: parseDate("start_date", q("start_date")) } : {}),
              ...(q("end_date") ? { end: parseDate("end_date", q("end_date")) } : {}),
              ...(statuses ? { statuses: statuses as ("open" | "closed")[] } : {}),
            },
          });
          return reply(
            c,
            format,
            "service_requests",
            cases.map((p) => requestRecord(c, p, locale)),
          );
        }
        case "servicerequestupdates": {
          const q = (k: string) => param(c.req.query(k));
          const trackingNumbers = list(q("service_request_id"))?.map((s) => s.toUpperCase());
          const start = parseDate("start_date", q("start_date"));
          const end = parseDate("end_date", q("end_date"));
          const updates = await listPublicUpdates({
            ctx: publicCtx,
            input: { ...(start ? { start } : {}), ...(end ? { end } : {}), ...(trackingNumbers ? { trackingNumbers } : {}) },
          });
          return reply(
            c,
            format,
            "service_request_updates",
            updates.map((u) => ({
              update_id: u.updateId,
              service_request_id: u.trackingNumber,
              status: u.status,
              updated_datetime: toKuwaitIso(new Date(u.updatedAt)),
              description: u.description[locale],
              media_url: absolute(c, u.mediaUrl),
            })),
          );
        }
        default:
          throw new DomainError("NOT_FOUND", `No such resource '${name}'`);
      }
    }),
  );

  app.get(
    "/:dir/:file",
    handle(async (c, format, name) => {
      const locale = localeOf(c);
      switch (c.req.param("dir")) {
        case "services": {
          const s = await getService({ ctx: publicCtx, input: { code: name } });
          const definition = {
            service_code: s.code,
            attributes: s.attributes.map((a) => ({
              variable: true,
              code: a.code,
              datatype: a.datatype,
              required: a.required,
              datatype_description: a.values.length ? null : a.description[locale],
              order: a.order,
              description: a.description[locale],
              values: a.values.map((v) => ({ key: v.key, name: v.name[locale] })),
            })),
          };
          return reply(c, format, "service_definition", definition);
        }
        case "requests": {
          const p = await getPublicCase({ ctx: publicCtx, input: { trackingNumber: name.toUpperCase() } }).catch((e: unknown) => {
            // A malformed id is simply one that does not exist.
            if (e instanceof DomainError && e.code === "VALIDATION") throw new DomainError("NOT_FOUND", "Request not found");
            throw e;
          });
          const variant = `${format}|${locale}|${baseUrl(c)}`;
          let bodies = rendered.get(p);
          let body = bodies?.get(variant);
          if (!body) {
            body = render(format, "service_requests", [requestRecord(c, p, locale)]);
            if (!bodies) rendered.set(p, (bodies = new Map<string, string>()));
            bodies.set(variant, body);
          }
          return c.body(body, 200, { "content-type": CONTENT_TYPE[format] });
        }
        case "tokens": {
          const t = await resolveRequestToken({ ctx: publicCtx, input: { token: name } });
          return reply(c, format, "service_requests", [{ service_request_id: t.trackingNumber, token: t.token }]);
        }
        default:
          throw new DomainError("NOT_FOUND", "No such resource");
      }
    }),
  );

  app.post(
    "/:file",
    handle(async (c, format, name) => {
      if (name !== "requests") throw new DomainError("NOT_FOUND", `No such resource '${name}'`);
      const body = await readForm(c, readText);
      // Open311 clients send POST parameters, jurisdiction_id among them, in the body.
      checkJurisdiction(param(body.jurisdiction_id));
      const client = await authenticate(param(body.api_key));
      limit(`key:${client.id}`, client.rateLimitPerMinute ?? config.rateLimits.perApiKeyPerMinute);

      const attributes: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(body)) {
        const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
        if (!m?.[1]) continue;
        const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
        if (values.length === 0) continue;
        attributes[m[1]] = m[2] || values.length > 1 ? values : (values[0] ?? "");
      }
      const lat = param(body.lat);
      const lng = param(body.long);
      if (lat === undefined || lng === undefined) {
        throw new DomainError(
          "VALIDATION",
          param(body.address_string) || param(body.address_id)
            ? "lat and long are required: addresses cannot be located yet"
            : "A location is required: lat and long",
        );
      }
      const num = (name: string, v: string) => {
        if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new DomainError("VALIDATION", `${name} must be a decimal number`);
        return Number(v);
      };
      const photos: PhotoUpload[] = [];
      for (const field of ["media", "media[]", "photos"]) {
        const v = body[field];
        for (const f of Array.isArray(v) ? v : v ? [v] : []) {
          if (typeof f === "string") continue;
          photos.push({ bytes: new Uint8Array(await f.arrayBuffer()), name: f.name });
        }
      }
      const name2 = [param(body.first_name), param(body.last_name)].filter(Boolean).join(" ");
      const input = {
        serviceCode: param(body.service_code) ?? "",
        location: { lat: num("lat", lat), lng: num("long", lng) },
        description: param(body.description) ?? "",
        ...(param(body.address_string) ? { addressString: param(body.address_string) } : {}),
        ...(param(body.address_id) ? { addressId: param(body.address_id) } : {}),
        ...(param(body.media_url) ? { mediaUrl: param(body.media_url) } : {}),
        attributes,
        reporter: {
          ...(name2 ? { name: name2 } : {}),
          ...(param(body.phone) ? { phone: param(body.phone) } : {}),
          ...(param(body.email) ? { email: param(body.email) } : {}),
        },
        duplicatePolicy: "create",
        ...(c.req.header("idempotency-key") ? { idempotencyKey: c.req.header("idempotency-key") } : {}),
        locale: localeOf(c),
      };
      if (!input.serviceCode) throw new DomainError("VALIDATION", "service_code is required");
      const result = await submitReport({
        ctx: { deps, actor: { kind: "api_client", apiKeyId: client.id, name: client.name } },
        input,
        photos,
      });
      if (result.outcome !== "created") throw new Error("Open311 intake always creates");
      const notice = result.possibleDuplicates.length
        ? `Possible duplicate of ${result.possibleDuplicates.map((d) => d.trackingNumber).join(", ")}`
        : null;
      return reply(
        c,
        format,
        "service_requests",
        [{ service_request_id: result.trackingNumber, service_notice: notice, account_id: null }],
        201,
      );
    }),
  );

  // Deeper paths and other methods get Open311's error body too, not the framework's plain text.
  app.all("*", (c) => {
    const { format } = splitFormat(c.req.path.slice(c.req.path.lastIndexOf("/") + 1));
    return open311Error(c, format ?? "xml", new DomainError("NOT_FOUND", "No such resource"), log);
  });

  return app;
}
