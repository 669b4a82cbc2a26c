import { Hono, type Context } from "hono";
import type { Deps } from "../domain/context";
import { DomainError } from "../domain/errors";
import { addCosignature } from "../domain/ledger/add-cosignature";
import { latestTreeHead } from "../domain/ledger/latest-tree-head";
import { getLedgerKey } from "../domain/ledger/get-ledger-key";
import { proveConsistency } from "../domain/ledger/prove-consistency";
import { proveInclusion } from "../domain/ledger/prove-inclusion";

const STATUS = { VALIDATION: 400, NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, CONFLICT: 409 } as const;

/** A number parameter as the proofs take it; anything else is left to the schema to refuse. */
const num = (value: string | undefined): number | string | undefined =>
  value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value;

/**
 * The transparency ledger over plain HTTP, for witnesses and auditors with nothing but curl: the
 * latest checkpoint (a C2SP signed note), the log's key, inclusion and consistency proofs, and the
 * witnesses' co-signatures coming back.
 */
export function ledgerRoutes(deps: Deps): Hono {
  const app = new Hono();
  const ctx = { deps, actor: { kind: "public" as const } };
  const fail = (c: Context, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    const status = STATUS[error.code as keyof typeof STATUS] ?? 400;
    return c.json({ error: { code: error.code, message: error.message, issues: error.issues } }, status);
  };

  app.get("/checkpoint", async (c) => {
    const head = await latestTreeHead({ ctx });
    return c.body(head.note, 200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" });
  });
  app.get("/head", async (c) => c.json(await latestTreeHead({ ctx }), 200, { "cache-control": "no-cache" }));
  app.get("/key", (c) => c.json(getLedgerKey({ ctx }), 200, { "cache-control": "public, max-age=3600" }));
  app.get("/proof/inclusion", async (c) => {
    try {
      const size = num(c.req.query("size"));
      return c.json(
        await proveInclusion({ ctx, input: { seq: num(c.req.query("seq")), ...(size !== undefined ? { size } : {}) } }),
      );
    } catch (error) {
      return fail(c, error);
    }
  });
  app.get("/proof/consistency", async (c) => {
    try {
      return c.json(await proveConsistency({ ctx, input: { from: num(c.req.query("from")), to: num(c.req.query("to")) } }));
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/cosignature", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: { code: "VALIDATION", message: "The body must be JSON", issues: [] } }, 400);
    }
    try {
      return c.json(await addCosignature({ ctx, input: body }), 201);
    } catch (error) {
      return fail(c, error);
    }
  });
  return app;
}
