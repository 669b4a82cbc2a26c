import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webDist } from "../helpers/paths";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// The built web app from Workers static assets, as wrangler.jsonc deploys it: files as they are,
// client-routed pages answered with their HTML page by the worker, the API untouched.
let w: WorkerSystem;
beforeAll(async () => {
  if (!existsSync(path.join(webDist, "index.html"))) throw new Error("The web app is not built: run `pnpm build`");
  w = await startWorkerSystem({
    miniflare: {
      assets: {
        directory: webDist,
        binding: "ASSETS",
        routerConfig: { has_user_worker: true },
        assetConfig: { html_handling: "auto-trailing-slash", not_found_handling: "none" },
      },
    },
  });
});
afterAll(async () => {
  await w?.close();
});

const page = (file: string) => readFileSync(path.join(webDist, file), "utf8");

describe("the web app on the worker", () => {
  it("serves built files and answers client-routed pages with their HTML page", async () => {
    expect(await (await fetch(`${w.url}/`)).text()).toBe(page("index.html"));
    const manifest = await fetch(`${w.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const staff = await fetch(`${w.url}/staff/inbox`, { headers: { accept: "text/html" } });
    expect(staff.status).toBe(200);
    expect(await staff.text()).toBe(page("index.html"));
    expect(await (await fetch(`${w.url}/field/today`)).text()).toBe(page("field.html"));
    expect(await (await fetch(`${w.url}/kiosk`)).text()).toBe(page("kiosk.html"));
  });

  it("leaves the API's own answers alone, a 404 included", async () => {
    expect(await (await fetch(`${w.url}/health`)).json()).toEqual({ status: "ok" });
    const missing = await fetch(`${w.url}/open311/v2/requests/HA-2026-999999.json`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("json");
    expect((await fetch(`${w.url}/media/public/${"a".repeat(64)}.jpg`)).status).toBe(404);
  });
});
