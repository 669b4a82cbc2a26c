import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client/web";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlHttpServer, type LibsqlHttpServer } from "../helpers/libsql-http-server";

// The test-only endpoint the worker tests stand on: if it lies about transactions, they prove nothing.
describe("the test-only libSQL-over-HTTP endpoint", () => {
  let dir: string;
  let server: LibsqlHttpServer;
  let client: Client;
  const token = "test-token";
  const open = () => createClient({ url: server.url, authToken: token });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "libsql-http-"));
    server = await startLibsqlHttpServer({ file: path.join(dir, "db.sqlite"), token });
    client = open();
    await client.execute("create table t (id integer primary key, name text unique, score real, data blob, note text)");
  });
  afterAll(async () => {
    client.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("round-trips integers, reals, text, blobs and nulls, and reports changes and the row id", async () => {
    const inserted = await client.execute({
      sql: "insert into t (name, score, data, note) values (?, ?, ?, ?)",
      args: ["صالح", 2.5, new Uint8Array([0, 1, 255]), null],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(Number(inserted.lastInsertRowid)).toBe(1);
    const { rows, columns } = await client.execute({ sql: "select id, name, score, data, note from t where id = ?", args: [1] });
    expect(columns).toEqual(["id", "name", "score", "data", "note"]);
    expect(rows[0]?.id).toBe(1);
    expect(rows[0]?.name).toBe("صالح");
    expect(rows[0]?.score).toBe(2.5);
    expect([...new Uint8Array(rows[0]?.data as ArrayBuffer)]).toEqual([0, 1, 255]);
    expect(rows[0]?.note).toBeNull();
    const returning = await client.execute({ sql: "update t set score = score + 1 where id = 1 returning score", args: [] });
    expect(returning.rows[0]?.score).toBe(3.5);
    expect(returning.rowsAffected).toBe(1);
  });

  it("keeps an interactive transaction on one connection: invisible to others until COMMIT, gone after ROLLBACK", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "insert into t (name) values (?)", args: ["pending"] });
    expect((await tx.execute("select count(*) as n from t where name = 'pending'")).rows[0]?.n).toBe(1);
    expect((await client.execute("select count(*) as n from t where name = 'pending'")).rows[0]?.n).toBe(0);
    await tx.commit();
    const file = new Database(server.file, { readonly: true });
    expect(file.prepare("select count(*) as n from t where name = 'pending'").get()).toMatchObject({ n: 1 });
    file.close();

    const undone = await client.transaction("write");
    await undone.execute({ sql: "insert into t (name) values (?)", args: ["undone"] });
    await undone.rollback();
    expect((await client.execute("select count(*) as n from t where name = 'undone'")).rows[0]?.n).toBe(0);
  });

  it("makes a second writer wait for the first one's COMMIT instead of failing or blocking it", async () => {
    const first = await client.transaction("write");
    await first.execute({ sql: "insert into t (name) values (?)", args: ["first"] });
    const other = open();
    const second = (async () => {
      const tx = await other.transaction("write");
      const seen = await tx.execute("select count(*) as n from t where name = 'first'");
      await tx.execute({ sql: "insert into t (name) values (?)", args: ["second"] });
      await tx.commit();
      return seen.rows[0]?.n;
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.commit();
    // The second transaction began after the first committed, so it saw its row.
    expect(await second).toBe(1);
    other.close();
  });

  it("surfaces a constraint failure as the SQLite error code and undoes a failed write batch", async () => {
    await expect(client.execute({ sql: "insert into t (id, name) values (1, 'dup')", args: [] })).rejects.toMatchObject({
      code: expect.stringMatching(/^SQLITE_CONSTRAINT/),
    });
    await expect(
      client.batch(
        [
          { sql: "insert into t (name) values ('in-batch')", args: [] },
          { sql: "insert into t (id, name) values (1, 'dup')", args: [] },
        ],
        "write",
      ),
    ).rejects.toThrow(/UNIQUE|constraint/i);
    expect((await client.execute("select count(*) as n from t where name = 'in-batch'")).rows[0]?.n).toBe(0);
  });

  it("refuses a client without the token", async () => {
    const stranger = createClient({ url: server.url, authToken: "wrong" });
    await expect(stranger.execute("select 1")).rejects.toThrow();
    stranger.close();
  });

  it("refuses a baton it does not know", async () => {
    const response = await fetch(`${server.url}/v2/pipeline`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ baton: "made-up", requests: [{ type: "execute", stmt: { sql: "select 1" } }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("STREAM_EXPIRED");
  });
});
