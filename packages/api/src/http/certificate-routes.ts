import { Hono } from "hono";
import { openCertificateBlob } from "../domain/certificate/open-certificate-blob";
import type { Deps } from "../domain/context";
import { DomainError } from "../domain/errors";

/** Certificate files by link: scanned documents and issued PDFs (the link's token is the permission). */
export function certificateRoutes(deps: Deps): Hono {
  const app = new Hono();
  const ctx = { deps, actor: { kind: "public" as const } };
  const serve = (kind: "document" | "pdf") => async (c: import("hono").Context) => {
    try {
      const ref = c.req.param("ref") ?? "";
      const file = await openCertificateBlob({
        ctx,
        input: { kind, ref: ref.replace(/\.pdf$/, ""), token: c.req.query("t") ?? "" },
      });
      const disposition = `${kind === "pdf" ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.name)}`;
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": file.mime,
        "content-disposition": disposition,
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
  app.get("/pdf/:ref", serve("pdf"));
  return app;
}
