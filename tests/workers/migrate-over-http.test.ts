import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrateOverHttp } from "@baladiya/api/entry/workers/migrate";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlHttpServer, type LibsqlHttpServer } from "../helpers/libsql-http-server";
import { migrationsDir } from "../helpers/paths";
import { createTestSystem, type TestSystem } from "../helpers/system";

// `pnpm --filter @baladiya/api migrate:edge` as an operator runs it against Turso, here against the
// test-only endpoint: the schema it makes is the one the embedded store makes on Node.
describe("migrations over libSQL's HTTP protocol", () => {
  let dir: string;
  let server: LibsqlHttpServer;
  let node: TestSystem;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "migrate-http-"));
    server = await startLibsqlHttpServer({ file: path.join(dir, "edge.db"), token: "t" });
    node = await createTestSystem();
  });
  afterAll(async () => {
    await server?.close();
    await node?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const schemaOf = (file: string) => {
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare(
        "select type, name, sql from sqlite_master where name not like 'sqlite_%' and name != '__drizzle_migrations' order by type, name",
      )
      .all() as { type: string; name: string; sql: string | null }[];
    const applied = (db.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    db.close();
    return { rows, applied };
  };

  it("builds the same schema as the embedded store, and a second run changes nothing", async () => {
    await migrateOverHttp({ url: server.url, authToken: "t", migrationsFolder: migrationsDir });
    const edge = schemaOf(server.file);
    const embedded = schemaOf(path.join(node.dir, "baladiya.db"));
    expect(edge.rows.length).toBeGreaterThan(30);
    expect(edge.rows).toEqual(embedded.rows);
    expect(edge.applied).toBe(embedded.applied);
    await migrateOverHttp({ url: server.url, authToken: "t", migrationsFolder: migrationsDir });
    expect(schemaOf(server.file).applied).toBe(edge.applied);
  });
});
