/**
 * `pnpm --filter @baladiya/api migrate:edge` — applies the database migrations to the database the
 * worker uses, over libSQL's HTTP protocol (Turso in production): LIBSQL_URL and LIBSQL_AUTH_TOKEN
 * from the environment, MIGRATIONS_DIR or src/db/migrations. The worker never migrates by itself.
 * This file runs on Node, not in the worker.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { migrate } from "drizzle-orm/libsql/migrator";

/** Applies the migrations not yet recorded in the database's `__drizzle_migrations` table. */
export async function migrateOverHttp(options: { url: string; authToken?: string; migrationsFolder: string }): Promise<void> {
  const client = createClient({ url: options.url, ...(options.authToken ? { authToken: options.authToken } : {}) });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: options.migrationsFolder });
  } finally {
    client.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.LIBSQL_URL?.trim();
  if (!url) throw new Error("Set LIBSQL_URL (libsql://<database>-<organisation>.turso.io) and LIBSQL_AUTH_TOKEN");
  const migrationsFolder =
    process.env.MIGRATIONS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");
  await migrateOverHttp({
    url,
    ...(process.env.LIBSQL_AUTH_TOKEN ? { authToken: process.env.LIBSQL_AUTH_TOKEN } : {}),
    migrationsFolder,
  });
  process.stdout.write(`Migrations applied to ${url}\n`);
}
