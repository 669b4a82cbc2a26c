import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
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

/** Text compresses 3–5×; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".webmanifest", ".svg"]);

const API_PREFIXES = ["/trpc", "/open311", "/media", "/health", "/ws", "/geo"];

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = "br" | "gzip";

/** What a client accepts, brotli first; `q=0` refuses. */
function pickEncoding(header: string | undefined): Encoding | null {
  const accepted = new Set(
    (header ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part && !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]?.trim()),
  );
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

interface Entry {
  version: string;
  body: Uint8Array<ArrayBuffer>;
  encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/**
 * Serves the built web app; any other page path gets index.html (field.html under /field, kiosk.html
 * under /kiosk) so client routes work on reload.
 * Text files go out brotli- or gzip-compressed, each encoding made once per file version and kept
 * in memory (the built app is a few hundred kilobytes).
 */
export function mountStaticSite(app: Hono, root: string): void {
  const rootResolved = path.resolve(root);
  const cache = new Map<string, Entry>();

  async function load(file: string, version: string): Promise<Entry> {
    const hit = cache.get(file);
    if (hit?.version === version) return hit;
    const entry: Entry = { version, body: new Uint8Array(await readFile(file)), encoded: new Map() };
    cache.set(file, entry);
    return entry;
  }

  function encode(entry: Entry, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
    let pending = entry.encoded.get(encoding);
    if (!pending) {
      pending = (
        encoding === "br"
          ? brotli(entry.body, {
              params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.byteLength },
            })
          : gzipped(entry.body, { level: 9 })
      ).then((buffer) => new Uint8Array(buffer));
      entry.encoded.set(encoding, pending);
    }
    return pending;
  }

  app.get("*", async (c, next) => {
    const url = new URL(c.req.url);
    if (API_PREFIXES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return next();
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    let file = path.resolve(rootResolved, relative);
    if (!file.startsWith(rootResolved)) return c.text("Not found", 404);
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (path.extname(relative)) return c.text("Not found", 404);
      // The field inspector's app and the kiosk have pages of their own.
      const own = /^(field|kiosk)(\/|$)/.exec(relative)?.[1];
      const page = own ? `${own}.html` : "index.html";
      file = path.join(rootResolved, page);
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) return c.text("Not found", 404);
    }
    const version = `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}`;
    const ext = path.extname(file);
    const hashed = /\/assets\//.test(file);
    const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(c.req.header("accept-encoding")) : null;
    const etag = `"${version}${encoding ? `-${encoding}` : ""}"`;
    const headers: Record<string, string> = {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      // Hashed names change with their content; everything else is checked on each use (ETag).
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      etag,
    };
    if (COMPRESSIBLE.has(ext)) headers.vary = "Accept-Encoding";
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    const entry = await load(file, version);
    if (!encoding) return c.body(entry.body, 200, headers);
    return c.body(await encode(entry, encoding), 200, { ...headers, "content-encoding": encoding });
  });
}
