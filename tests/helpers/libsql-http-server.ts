/**
 * TEST-ONLY. A small libSQL-over-HTTP endpoint (Hrana 2 over HTTP, JSON: `POST /v2/pipeline`) on a
 * local libSQL file, so the worker can reach "the database over HTTP" on a machine where no `sqld`
 * binary can be installed. It speaks what `@libsql/client/web` sends — execute, batch (with step
 * conditions), sequence, store_sql/close_sql, get_autocommit, close, and batons that keep a stream
 * (one connection, an interactive transaction) open between requests — and nothing more. Not for
 * production: no TLS, one shared token, streams kept in memory.
 *
 *   tsx tests/helpers/libsql-http-server.ts --file ./data/edge.db [--port 0] [--token secret]
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Database from "libsql";

type Connection = InstanceType<typeof Database>;
interface Statement {
  reader: boolean;
  run(...args: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  all(...args: unknown[]): unknown[];
  get(...args: unknown[]): unknown;
  raw(on?: boolean): Statement;
  safeIntegers(on?: boolean): Statement;
  columns(): { name: string; type: string | null }[];
}
type SqlValue = null | bigint | number | string | Buffer;

interface ProtoValue {
  type: "null" | "integer" | "float" | "text" | "blob";
  value?: string | number;
  base64?: string;
}
interface ProtoStmt {
  sql?: string;
  sql_id?: number;
  args?: ProtoValue[];
  named_args?: { name: string; value: ProtoValue }[];
  want_rows?: boolean;
}
interface ProtoCond {
  type: "ok" | "error" | "not" | "and" | "or" | "is_autocommit";
  step?: number;
  cond?: ProtoCond;
  conds?: ProtoCond[];
}
interface ProtoBatch {
  steps: { condition?: ProtoCond; stmt: ProtoStmt }[];
}
type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: ProtoStmt }
  | { type: "batch"; batch: ProtoBatch }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" }
  | { type: string };

interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** One open stream: a connection of its own and the SQL texts the client stored on it. */
interface Stream {
  conn: Conn;
  sqls: Map<number, string>;
  expiry: NodeJS.Timeout | null;
}

interface Conn {
  db: Connection;
  file: string;
  statements: Map<string, Statement>;
}

export interface LibsqlHttpServer {
  /** `http://127.0.0.1:<port>` — the `url` for `createClient` from `@libsql/client/web`. */
  url: string;
  file: string;
  /** Pipeline requests answered so far (round trips the clients paid for). */
  requests(): number;
  close(): Promise<void>;
}

const STREAM_IDLE_MS = 10_000;
const BUSY_WAIT_MS = 10_000;
const MAX_IDLE_CONNECTIONS = 8;
const READ_ONLY_SQL = /^\s*(select|values|pragma|explain)\b/i;

function decodeValue(v: ProtoValue): SqlValue {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(String(v.value));
    case "float":
      return Number(v.value);
    case "text":
      return String(v.value);
    case "blob":
      return Buffer.from(v.base64 ?? "", "base64");
    default:
      throw new HranaError(`Unknown value type ${String((v as { type: unknown }).type)}`, "PROTOCOL");
  }
}

function encodeValue(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new HranaError(`Cannot encode a ${typeof v}`, "PROTOCOL");
}

function openConnection(file: string): Conn {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  // Never block the event loop on a lock: a busy statement is retried asynchronously instead, so
  // the stream holding the lock can commit meanwhile.
  db.exec("PRAGMA busy_timeout = 0");
  db.exec("PRAGMA foreign_keys = ON");
  return { db, file, statements: new Map() };
}

function prepared(conn: Conn, sql: string): Statement {
  let statement = conn.statements.get(sql);
  if (!statement) {
    statement = conn.db.prepare<unknown[]>(sql);
    if (conn.statements.size > 500) conn.statements.clear();
    conn.statements.set(sql, statement);
  }
  return statement;
}

function sqlOf(stream: Stream, stmt: { sql?: string; sql_id?: number }): string {
  if (stmt.sql !== undefined) return stmt.sql;
  const stored = stmt.sql_id === undefined ? undefined : stream.sqls.get(stmt.sql_id);
  if (stored === undefined) throw new HranaError(`SQL text ${stmt.sql_id} was not stored on this stream`, "SQL_NOT_FOUND");
  return stored;
}

function sqliteError(error: unknown): HranaError {
  if (error instanceof HranaError) return error;
  const e = error as { message?: string; code?: string };
  return new HranaError(e.message ?? String(error), e.code ?? "UNKNOWN");
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code);
};

/** Statements waiting for a write lock, per database file: woken when a stream's transaction ends. */
const lockWaiters = new Map<string, Set<() => void>>();

function lockReleased(file: string): void {
  const waiting = lockWaiters.get(file);
  if (!waiting) return;
  lockWaiters.delete(file);
  for (const wake of waiting) wake();
}

/** Until a transaction of this endpoint ends, or `ms` pass (another process may hold the lock). */
function lockWait(file: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let waiting = lockWaiters.get(file);
    if (!waiting) lockWaiters.set(file, (waiting = new Set()));
    const wake = () => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
  });
}

/** Runs `fn` on the connection and wakes waiting writers if it ended a transaction. */
function tracked<T>(conn: Conn, fn: () => T): T {
  const inTransaction = conn.db.inTransaction;
  try {
    return fn();
  } finally {
    if (inTransaction && !conn.db.inTransaction) lockReleased(conn.file);
  }
}

/** Runs one statement; a lock held by another stream is waited for without blocking the process. */
async function executeStmt(stream: Stream, stmt: ProtoStmt): Promise<StmtResult> {
  const sql = sqlOf(stream, stmt);
  const named = stmt.named_args ?? [];
  const args: unknown[] = (stmt.args ?? []).map(decodeValue);
  if (named.length > 0) {
    args.push(Object.fromEntries(named.map((a) => [a.name.replace(/^[:@$]/, ""), decodeValue(a.value)])));
  }
  const started = Date.now();
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    try {
      return tracked(stream.conn, () => runStmt(stream.conn, sql, args, stmt.want_rows !== false));
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > BUSY_WAIT_MS) throw sqliteError(error);
      await lockWait(stream.conn.file, wait);
    }
  }
}

function runStmt(conn: Conn, sql: string, args: unknown[], wantRows: boolean): StmtResult {
  const statement = prepared(conn, sql);
  if (!statement.reader) {
    const info = statement.run(...args);
    return { cols: [], rows: [], affected_row_count: info.changes, last_insert_rowid: String(info.lastInsertRowid) };
  }
  statement.raw(true);
  statement.safeIntegers(true);
  const rows = statement.all(...args) as unknown[][];
  const cols = statement.columns().map((c) => ({ name: c.name, decltype: c.type }));
  let affected = 0;
  let rowid: string | null = null;
  if (!READ_ONLY_SQL.test(sql)) {
    // A statement with RETURNING both writes and answers rows.
    const [n, id] = prepared(conn, "select changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [
      bigint,
      bigint,
    ];
    affected = Number(n);
    rowid = id.toString();
  }
  return {
    cols,
    rows: wantRows ? rows.map((r) => r.map(encodeValue)) : [],
    affected_row_count: affected,
    last_insert_rowid: rowid,
  };
}

function holds(cond: ProtoCond, results: (StmtResult | null)[], errors: (object | null)[], conn: Conn): boolean {
  switch (cond.type) {
    case "ok":
      return results[cond.step ?? -1] != null;
    case "error":
      return errors[cond.step ?? -1] != null;
    case "not":
      return !holds(cond.cond!, results, errors, conn);
    case "and":
      return (cond.conds ?? []).every((c) => holds(c, results, errors, conn));
    case "or":
      return (cond.conds ?? []).some((c) => holds(c, results, errors, conn));
    case "is_autocommit":
      return !conn.db.inTransaction;
    default:
      throw new HranaError(`Unknown batch condition ${String((cond as { type: unknown }).type)}`, "PROTOCOL");
  }
}

async function executeBatch(stream: Stream, batch: ProtoBatch) {
  const results: (StmtResult | null)[] = [];
  const errors: ({ message: string; code: string } | null)[] = [];
  for (const step of batch.steps) {
    if (step.condition && !holds(step.condition, results, errors, stream.conn)) {
      results.push(null);
      errors.push(null);
      continue;
    }
    try {
      results.push(await executeStmt(stream, step.stmt));
      errors.push(null);
    } catch (error) {
      const e = sqliteError(error);
      results.push(null);
      errors.push({ message: e.message, code: e.code });
    }
  }
  return { step_results: results, step_errors: errors };
}

async function handle(stream: Stream, request: StreamRequest): Promise<object> {
  switch (request.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await executeStmt(stream, (request as { stmt: ProtoStmt }).stmt) };
    case "batch":
      return { type: "batch", result: await executeBatch(stream, (request as { batch: ProtoBatch }).batch) };
    case "sequence": {
      const sql = sqlOf(stream, request as { sql?: string; sql_id?: number });
      try {
        tracked(stream.conn, () => stream.conn.db.exec(sql));
      } catch (error) {
        throw sqliteError(error);
      }
      return { type: "sequence" };
    }
    case "store_sql": {
      const r = request as { sql_id: number; sql: string };
      stream.sqls.set(r.sql_id, r.sql);
      return { type: "store_sql" };
    }
    case "close_sql":
      stream.sqls.delete((request as { sql_id: number }).sql_id);
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: !stream.conn.db.inTransaction };
    default:
      throw new HranaError(`Request type '${request.type}' is not supported by this test endpoint`, "NOT_SUPPORTED");
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the endpoint on loopback; with `token`, requests must carry `Authorization: Bearer <token>`. */
export async function startLibsqlHttpServer(options: {
  file: string;
  port?: number;
  host?: string;
  token?: string;
}): Promise<LibsqlHttpServer> {
  const idle: Conn[] = [];
  const streams = new Map<string, Stream>();
  let served = 0;

  const release = (stream: Stream) => {
    if (stream.expiry) clearTimeout(stream.expiry);
    const { conn } = stream;
    if (conn.db.inTransaction) tracked(conn, () => conn.db.exec("ROLLBACK"));
    if (idle.length < MAX_IDLE_CONNECTIONS) idle.push(conn);
    else conn.db.close();
  };

  const pipeline = async (body: { baton?: string | null; requests: StreamRequest[] }) => {
    let stream: Stream;
    if (body.baton) {
      const found = streams.get(body.baton);
      if (!found) throw new HranaError("The stream has expired or never existed", "STREAM_EXPIRED");
      streams.delete(body.baton);
      if (found.expiry) clearTimeout(found.expiry);
      stream = found;
    } else {
      stream = { conn: idle.pop() ?? openConnection(options.file), sqls: new Map(), expiry: null };
    }
    const results: object[] = [];
    let closed = false;
    for (const request of body.requests) {
      try {
        results.push({ type: "ok", response: await handle(stream, request) });
      } catch (error) {
        const e = sqliteError(error);
        results.push({ type: "error", error: { message: e.message, code: e.code } });
      }
      if (request.type === "close") closed = true;
    }
    if (closed) {
      release(stream);
      return { baton: null, base_url: null, results };
    }
    const baton = randomBytes(18).toString("base64url");
    streams.set(baton, stream);
    // An abandoned stream (a worker that died mid-transaction) gives its lock back.
    stream.expiry = setTimeout(() => {
      streams.delete(baton);
      release(stream);
    }, STREAM_IDLE_MS);
    return { baton, base_url: null, results };
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
        return reply(res, 401, { message: "Unauthorized" });
      }
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && (path === "/v2" || path === "/health")) return reply(res, 200, {});
      if (req.method !== "POST" || path !== "/v2/pipeline") return reply(res, 404, { message: "Not found" });
      let body: { baton?: string | null; requests: StreamRequest[] };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
        if (!Array.isArray(body.requests)) throw new Error("requests must be an array");
      } catch (error) {
        return reply(res, 400, { message: `Bad pipeline request: ${String(error)}` });
      }
      served++;
      try {
        reply(res, 200, await pipeline(body));
      } catch (error) {
        const e = sqliteError(error);
        reply(res, 400, { message: e.message, code: e.code });
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { message: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    file: options.file,
    requests: () => served,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stream of streams.values()) release(stream);
      streams.clear();
      for (const conn of idle.splice(0)) conn.db.close();
    },
  };
}

// Run on its own (the dev:edge script and the benchmark run it as a separate process).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const file = arg("file");
  if (!file) throw new Error("Usage: libsql-http-server.ts --file <db file> [--port N] [--token T]");
  const token = arg("token") ?? process.env.LIBSQL_AUTH_TOKEN;
  const server = await startLibsqlHttpServer({ file, port: Number(arg("port") ?? 0), ...(token ? { token } : {}) });
  process.stdout.write(`libSQL over HTTP (test-only) listening ${server.url} on ${file}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
}
