import type { ExecutionContext, Hono } from "hono";
import { createApp } from "../../http/app";
import { composeWorkerDeps, type WorkerSystem } from "./compose";
import type { Env } from "./env";
import { forwardToKioskHub, kioskHubClass } from "./kiosk-hub";
import { runScheduledJobs } from "./scheduled-jobs";

/** The kiosk hub Durable Object class (wrangler.jsonc `durable_objects`), over the same composition root. */
export const KioskHub = kioskHubClass((env: Env) => composeWorkerDeps(env));

/** The part of the Workers runtime's ScheduledController used here. */
interface ScheduledController {
  cron: string;
  scheduledTime: number;
}

const apps = new WeakMap<WorkerSystem, Hono>();

function appOf(system: WorkerSystem): Hono {
  let app = apps.get(system);
  if (!app) {
    app = createApp({
      deps: system.deps,
      config: system.http,
      rateLimiter: system.rateLimiter,
      // Set by Cloudflare's edge on every request; absent only in local tools.
      clientAddress: (c) => c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown",
    });
    apps.set(system, app);
  }
  return app;
}

/**
 * Work a request started and did not wait for finishes too: posts to the kiosk hub, and store calls
 * (a background reference check).
 */
async function settle(system: WorkerSystem): Promise<void> {
  await system.flush();
  for (let pending = system.pending(); pending.length > 0; pending = system.pending()) await Promise.allSettled(pending);
}

const API_PATHS =
  /^\/(trpc|open311|media|health|geo|live|ledger|certificates|kiosk\/files|kiosk\/ws|app-config\.json|staff\/dashboard\.csv)(\/|$)/;

/**
 * Page paths the app routes on the client get its HTML, as the Node server does: field.html under
 * /field, kiosk.html under /kiosk, index.html elsewhere. Built files are served by Workers static
 * assets before the worker runs.
 */
async function webPage(request: Request, assets: NonNullable<Env["ASSETS"]>): Promise<Response | null> {
  const url = new URL(request.url);
  if ((request.method !== "GET" && request.method !== "HEAD") || API_PATHS.test(url.pathname)) return null;
  const page = /^\/field(\/|$)/.test(url.pathname) ? "/field" : /^\/kiosk(\/|$)/.test(url.pathname) ? "/kiosk" : "/";
  const response = await assets.fetch(new Request(new URL(page, url), { method: request.method, headers: request.headers }));
  return response.ok ? response : null;
}

/**
 * The app sends some bodies already compressed (the area layer, gzip) with their Content-Encoding,
 * as Node sends them. Workers would compress such a body again unless told it is encoded already.
 */
function preEncoded(response: Response): Response {
  if (!response.headers.has("content-encoding") || !response.body) return response;
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    encodeBody: "manual",
  } as ResponseInit);
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    // Kiosk and staff sockets (/kiosk/ws) and live streams (/live) are held by the hub.
    const forwarded = forwardToKioskHub(request, env.KIOSK_HUB);
    if (forwarded) return forwarded;
    const system = composeWorkerDeps(env);
    const response = await appOf(system).fetch(request, env, ctx);
    ctx.waitUntil(settle(system));
    if (response.status === 404 && env.ASSETS) return (await webPage(request, env.ASSETS)) ?? response;
    return preEncoded(response);
  },

  /** The Cron Trigger (wrangler.jsonc `triggers.crons`): the periodic jobs the Node timers run. */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const system = composeWorkerDeps(env);
    await runScheduledJobs(system.deps);
    ctx.waitUntil(settle(system));
  },
};
