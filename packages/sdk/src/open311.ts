/** A small client for Open311 GeoReport v2 (JSON format), as any outside developer would use it. */

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: string;
  keywords: string;
  group: string;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    datatype_description: string | null;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
}

export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  extended_status?: string;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string | null;
}

export interface CreateRequestInput {
  service_code: string;
  lat: number;
  long: number;
  description?: string;
  address_string?: string;
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  media_url?: string;
  attributes?: Record<string, string | string[]>;
  /** Photo files, sent as multipart `media` (a documented extension of this server). */
  media?: { bytes: Uint8Array | Blob; name?: string }[];
  /** Makes a retried POST return the first result instead of filing twice. */
  idempotencyKey?: string;
}

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: { code: number; description: string }[],
  ) {
    super(errors.map((e) => e.description).join("; ") || `HTTP ${status}`);
    this.name = "Open311Error";
  }
}

export interface Open311ClientOptions {
  /** e.g. https://baladiya.example.kw/open311/v2 */
  endpoint: string;
  apiKey?: string;
  locale?: "ar" | "en";
  jurisdictionId?: string;
  fetch?: typeof fetch;
}

export function createOpen311Client(options: Open311ClientOptions) {
  const base = options.endpoint.replace(/\/$/, "");
  const doFetch = options.fetch ?? fetch;

  const url = (path: string, params: Record<string, string | undefined> = {}) => {
    const u = new URL(`${base}/${path}.json`);
    for (const [k, v] of Object.entries({ ...params, locale: options.locale, jurisdiction_id: options.jurisdictionId }))
      if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  };

  async function parse<T>(response: Response): Promise<T> {
    const body: unknown = await response.json();
    if (!response.ok)
      throw new Open311Error(response.status, Array.isArray(body) ? (body as { code: number; description: string }[]) : []);
    return body as T;
  }

  const get = async <T>(path: string, params?: Record<string, string | undefined>) => parse<T>(await doFetch(url(path, params)));

  return {
    discovery: () => get<Record<string, unknown>>("discovery"),
    services: () => get<Open311Service[]>("services"),
    serviceDefinition: (code: string) => get<Open311ServiceDefinition>(`services/${encodeURIComponent(code)}`),
    /** GET requests with Open311's filters; dates are ISO 8601. */
    requests: (
      filter: {
        service_request_id?: string[];
        service_code?: string[];
        start_date?: string;
        end_date?: string;
        status?: ("open" | "closed")[];
      } = {},
    ) =>
      get<Open311Request[]>("requests", {
        service_request_id: filter.service_request_id?.join(","),
        service_code: filter.service_code?.join(","),
        start_date: filter.start_date,
        end_date: filter.end_date,
        status: filter.status?.join(","),
      }),
    request: async (id: string) => (await get<Open311Request[]>(`requests/${encodeURIComponent(id)}`))[0],
    token: async (token: string) =>
      (await get<{ service_request_id: string; token: string }[]>(`tokens/${encodeURIComponent(token)}`))[0],
    updates: (filter: { start_date?: string; end_date?: string; service_request_id?: string[] } = {}) =>
      get<Open311Update[]>("servicerequestupdates", { ...filter, service_request_id: filter.service_request_id?.join(",") }),
    async createRequest(input: CreateRequestInput): Promise<{ service_request_id: string; service_notice: string | null }> {
      const fields: [string, string][] = [];
      if (options.apiKey) fields.push(["api_key", options.apiKey]);
      for (const [k, v] of Object.entries(input)) {
        if (k === "attributes" || k === "media" || k === "idempotencyKey" || v === undefined) continue;
        fields.push([k, String(v)]);
      }
      for (const [code, value] of Object.entries(input.attributes ?? {})) {
        if (Array.isArray(value)) for (const v of value) fields.push([`attribute[${code}][]`, v]);
        else fields.push([`attribute[${code}]`, value]);
      }
      const headers: Record<string, string> = {};
      if (input.idempotencyKey) headers["idempotency-key"] = input.idempotencyKey;
      let body: BodyInit;
      if (input.media?.length) {
        const form = new FormData();
        for (const [k, v] of fields) form.append(k, v);
        input.media.forEach((m, i) =>
          form.append(
            "media",
            m.bytes instanceof Blob ? m.bytes : new Blob([m.bytes as Uint8Array<ArrayBuffer>]),
            m.name ?? `photo-${i + 1}.jpg`,
          ),
        );
        body = form;
      } else {
        body = new URLSearchParams(fields);
        headers["content-type"] = "application/x-www-form-urlencoded";
      }
      const locale = options.locale ? `?locale=${options.locale}` : "";
      const created = await parse<{ service_request_id: string; service_notice: string | null }[]>(
        await doFetch(`${base}/requests.json${locale}`, { method: "POST", body, headers }),
      );
      const first = created[0];
      if (!first) throw new Open311Error(500, [{ code: 500, description: "Empty response" }]);
      return first;
    },
  };
}

export type Open311Client = ReturnType<typeof createOpen311Client>;
