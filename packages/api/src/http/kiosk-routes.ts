import { Hono } from "hono";
import type { Deps } from "../domain/context";
import { DomainError } from "../domain/errors";
import { openKioskFile } from "../domain/kiosk/open-kiosk-file";

/** Files of kiosk calls by link: scans and pushed documents, and receipts (the link's token is the permission). */
export function kioskRoutes(deps: Deps): Hono {
  const app = new Hono();
  const ctx = { deps, actor: { kind: "public" as const } };
  const serve = (kind: "document" | "receipt") => async (c: import("hono").Context) => {
    try {
      const ref = (c.req.param("ref") ?? "").replace(/\.pdf$/, "");
      const file = await openKioskFile({ ctx, input: { kind, ref, token: c.req.query("t") ?? "" } });
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": file.mime,
        "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND")
        return c.json({ error: { code: "NOT_FOUND", message: error.message } }, 404);
      throw error;
    }
  };
  app.get("/documents/:ref", serve("document"));
  app.get("/receipts/:ref", serve("receipt"));
  return app;
}
