import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Hono } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

const API_PREFIXES = ["/trpc", "/open311", "/media", "/health", "/ws"];

/** Serves the built web app; any other page path gets index.html so client routes work on reload. */
export function mountStaticSite(app: Hono, root: string): void {
  const rootResolved = path.resolve(root);
  app.get("*", async (c, next) => {
    const url = new URL(c.req.url);
    if (API_PREFIXES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return next();
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    let file = path.resolve(rootResolved, relative);
    if (!file.startsWith(rootResolved)) return c.text("Not found", 404);
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isFile) {
      if (path.extname(relative)) return c.text("Not found", 404);
      file = path.join(rootResolved, "index.html");
    }
    const body = await readFile(file);
    const hashed = /\/assets\//.test(file);
    return c.body(new Uint8Array(body), 200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    });
  });
}
