import { trpcServer } from "@hono/trpc-server";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { TrackingNumber } from "@baladiya/shared/case";
import type { CaseChange } from "../ports/live-events";
import type { Actor, Deps } from "../domain/context";
import { accountabilityDashboard } from "../domain/dashboard/accountability-dashboard";
import { dashboardCsv } from "../domain/dashboard/dashboard-csv";
import { areaShapes } from "../domain/geo/area-shapes";
import { resolveSession } from "../domain/session/resolve-session";
import { DomainError } from "../domain/errors";
import type { RateLimiter } from "../ports/rate-limiter";
import type { ReplicaStatus } from "../ports/replica-status";
import { appRouter } from "../trpc/router";
import type { HttpConfig } from "./config";
import { open311Error } from "./open311/errors";
import { open311Routes } from "./open311/routes";
import { certificateRoutes } from "./certificate-routes";
import { kioskRoutes } from "./kiosk-routes";
import { ledgerRoutes } from "./ledger-routes";

export interface AppOptions {
  deps: Deps;
  config: HttpConfig;
  rateLimiter: RateLimiter;
  /** The caller's network address, as the runtime knows it. */
  clientAddress: (c: Context) => string;
  /** A faster way to read a request body as text, where the runtime has one. */
  readText?: (c: Context) => Promise<string> | null;
  /** On a branch replica: how far behind the primary it is (reported by /health). */
  replicaStatus?: () => ReplicaStatus;
}

function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** 5 photos of 10 MB and the form around them. */
const MAX_BODY_BYTES = 52 * 1024 * 1024;

const MEDIA_PREFIXES = new Set(["public", "thumbs"]);

/** The one Hono app every runtime serves: tRPC, Open311, public media and health. */
export function createApp(options: AppOptions): Hono {
  const { deps, config, rateLimiter, clientAddress } = options;
  const app = new Hono();

  app.get("/health", async (c) => {
    try {
      await deps.store.read(async (db) => {
        await db.run("select 1");
      });
      const replica = options.replicaStatus?.();
      // A branch cut off from the primary still serves (reads, and writes queued for the primary).
      return c.json(replica ? { status: "ok", replica } : { status: "ok" }, 200, { "cache-control": "no-store" });
    } catch (error) {
      deps.log.error("health check failed", { error: String(error) });
      return c.json({ status: "unavailable" }, 503);
    }
  });

  // A declared length is checked from the header alone; only bodies without one are metered while
  // read (building the full Request object for every request costs more than most handlers).
  const onlyWithBody =
    (mw: MiddlewareHandler): MiddlewareHandler =>
    (c, next) => {
      if (c.req.method === "GET" || c.req.method === "HEAD") return next();
      const declared = c.req.header("content-length");
      if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= MAX_BODY_BYTES) return next();
      return mw(c, next);
    };
  app.use(
    "/open311/*",
    onlyWithBody(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) =>
          open311Error(
            c,
            c.req.path.endsWith(".json") ? "json" : "xml",
            new DomainError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`),
            () => undefined,
          ),
      }),
    ),
  );
  app.route("/ledger", ledgerRoutes(deps));
  app.route("/certificates", certificateRoutes(deps));
  app.route("/kiosk/files", kioskRoutes(deps));
  app.route("/open311/v2", open311Routes({ deps, config, rateLimiter, clientAddress, readText: options.readText }));

  app.use(
    "/trpc/*",
    onlyWithBody(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) =>
          c.json(
            {
              error: {
                message: "Request body too large",
                code: -32600,
                data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, domainCode: "PAYLOAD_TOO_LARGE", issues: [] },
              },
            },
            413,
          ),
      }),
    ),
  );
  app.use("/trpc/*", async (c, next) => {
    const address = clientAddress(c as Context);
    let decision = rateLimiter.take(`addr:${address}`, config.rateLimits.perAddressPerMinute);
    // Each sign-in code is a text message someone pays for: one address asks for few of them.
    if (decision.allowed && c.req.path.includes("citizen.requestCode")) {
      decision = rateLimiter.take(`sms:${address}`, config.rateLimits.signInCodesPerAddressPerMinute);
    }
    // Password guessing from one address is slowed down before any account locks.
    if (decision.allowed && c.req.path.includes("staff.signIn")) {
      decision = rateLimiter.take(`staff-sign-in:${address}`, config.rateLimits.staffSignInsPerAddressPerMinute);
    }
    if (!decision.allowed) {
      c.header("retry-after", String(decision.retryAfterSeconds));
      return c.json(
        {
          error: {
            message: "Too many requests",
            code: -32029,
            data: {
              code: "TOO_MANY_REQUESTS",
              httpStatus: 429,
              domainCode: "RATE_LIMITED",
              issues: [],
              retryAfterSeconds: decision.retryAfterSeconds,
            },
          },
        },
        429,
      );
    }
    await next();
  });
  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      // Queries may come as POST, so secrets such as a follow-up token stay out of URLs and logs.
      allowMethodOverride: true,
      createContext: async (_opts, c) => {
        const bearer = bearerToken(c.req.header("authorization"));
        const anonymous: Actor = { kind: "citizen", ref: null };
        const actor = bearer
          ? ((await resolveSession({ ctx: { deps, actor: anonymous }, token: bearer })) ?? anonymous)
          : anonymous;
        return { ctx: { deps, actor }, bearer };
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          deps.log.error("trpc procedure failed", { path, error: String(error.cause?.stack ?? error) });
      },
    }),
  );

  // The area layer for the web map: its base layer offline and when no tile server is set.
  app.get("/geo/areas.json", async (c) => {
    const shapes = await areaShapes({ ctx: { deps, actor: { kind: "public" } } });
    const headers = {
      etag: shapes.etag,
      "cache-control": "public, max-age=3600, stale-while-revalidate=86400",
      vary: "accept-encoding",
    };
    if (c.req.header("if-none-match") === shapes.etag) return c.body(null, 304, headers);
    const type = { "content-type": "application/geo+json; charset=utf-8" };
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      return c.body(shapes.gzip, 200, { ...headers, ...type, "content-encoding": "gzip" });
    }
    return c.body(shapes.json, 200, { ...headers, ...type });
  });

  app.get("/app-config.json", (c) =>
    c.json(
      {
        tileUrl: config.tiles?.url ?? null,
        tileAttribution: config.tiles?.attribution ?? null,
        reopenWindowDays: deps.policy.reopenWindowDays,
        vapidPublicKey: deps.push.publicKey,
      },
      200,
      { "cache-control": "no-cache" },
    ),
  );

  // The accountability dashboard as a spreadsheet, for supervisors, managers and administrators.
  app.get("/staff/dashboard.csv", async (c) => {
    const token = bearerToken(c.req.header("authorization")) ?? c.req.query("access") ?? null;
    const actor = token ? await resolveSession({ ctx: { deps, actor: { kind: "public" } }, token }) : null;
    if (actor?.kind !== "staff") return c.json({ error: { code: "UNAUTHENTICATED", message: "Staff sign-in required" } }, 401);
    const query = c.req.query();
    try {
      const { rows, from, to } = await accountabilityDashboard({
        ctx: { deps, actor },
        input: {
          level: query.level,
          ...(query.governorateCode ? { governorateCode: query.governorateCode } : {}),
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
        },
      });
      const name = `baladiya-${query.level}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
      return c.body(dashboardCsv(rows), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status =
        error.code === "FORBIDDEN" ? 403 : error.code === "NOT_FOUND" ? 404 : error.code === "UNAUTHENTICATED" ? 401 : 400;
      return c.json({ error: { code: error.code, message: error.message, issues: error.issues } }, status);
    }
  });

  // Live changes for open screens (Server-Sent Events): a tracking page follows its case (public
  // facts only: number, status, time); staff screens follow their branch with their session.
  app.get("/live", async (c) => {
    const number = TrackingNumber.safeParse(c.req.query("case") ?? "");
    const branch = c.req.query("branch");
    let wanted: (change: CaseChange) => boolean;
    if (number.success) {
      wanted = (change) => change.trackingNumber === number.data;
    } else if (branch) {
      const token = c.req.query("access") ?? bearerToken(c.req.header("authorization"));
      const actor = token ? await resolveSession({ ctx: { deps, actor: { kind: "public" } }, token }) : null;
      if (actor?.kind !== "staff") return c.json({ error: { code: "UNAUTHENTICATED", message: "Staff sign-in required" } }, 401);
      if (actor.role !== "administrator" && actor.governorateCode !== branch) {
        return c.json({ error: { code: "NOT_FOUND", message: "No such branch" } }, 404);
      }
      // Administrators may follow every branch at once.
      wanted = branch === "all" ? () => true : (change) => change.governorateCode === branch;
    } else {
      return c.json(
        { error: { code: "VALIDATION", message: "Ask for ?case=<tracking number> or ?branch=<governorate code>" } },
        400,
      );
    }
    return streamSSE(c, async (stream) => {
      const unsubscribe = deps.live.subscribe((change) => {
        if (wanted(change)) void stream.writeSSE({ event: "case", data: JSON.stringify(change) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: "ready", data: "{}", retry: 3000 });
      // A comment now and then keeps proxies from closing a quiet stream.
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(20_000);
        if (!stream.aborted) await stream.write(": keep-alive\n\n");
      }
      unsubscribe();
    });
  });

  // Only public copies and thumbnails are served; originals keep their metadata and stay private.
  app.get("/media/:prefix/:file", async (c) => {
    const prefix = c.req.param("prefix");
    const file = c.req.param("file");
    if (!MEDIA_PREFIXES.has(prefix) || !/^[0-9a-f]{64}\.jpg$/.test(file)) return c.json({ error: "Not found" }, 404);
    const object = await deps.blobs.get(`${prefix}/${file}`);
    if (!object) return c.json({ error: "Not found" }, 404);
    const etag = `"${file.slice(0, 64)}"`;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.body(new Uint8Array(await object.arrayBuffer()), 200, {
      "content-type": object.httpMetadata?.contentType ?? "image/jpeg",
      "cache-control": "public, max-age=31536000, immutable",
      etag,
    });
  });

  return app;
}
