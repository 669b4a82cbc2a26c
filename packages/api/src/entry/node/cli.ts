import path from "node:path";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { createApiKey } from "../../domain/api-key/create-api-key";
import { DomainError } from "../../domain/errors";
import { createStaffSession } from "../../domain/staff/create-staff-session";
import { bootstrap, importAreasFile, systemCtx } from "./bootstrap";
import { composeNodeDeps } from "./compose";
import { seedDemoData } from "./demo-seed";
import { readEnv } from "./env";

const USAGE = `Usage: pnpm baladiya <command>
  import-areas FILE.geojson           load or update area polygons
  api-key create NAME [--rate N]      issue an Open311 API key (N requests per minute)
  migrate                             apply database migrations and seed reference data
  seed-demo                           add demo staff and reports to an empty database
  staff session EMAIL                 open a staff session (bearer token for the API, shown once)
Environment: DATA_DIR (default ./data)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const env = readEnv();
  const deps = await composeNodeDeps({
    dataDir: env.dataDir,
    migrationsDir: env.migrationsDir,
    log: createConsoleLogger({ service: "cli" }),
  });
  try {
    switch (command) {
      case "migrate": {
        const { areas } = await bootstrap(deps, env.areasFile);
        process.stdout.write(`Database ready in ${env.dataDir} (${areas} areas)\n`);
        return 0;
      }
      case "import-areas": {
        const file = rest[0];
        if (!file) throw new Error("import-areas needs a GeoJSON file");
        await bootstrap(deps, null, { warnIfNoAreas: false });
        const result = await importAreasFile(deps, file);
        process.stdout.write(`Imported ${result.imported} new areas, updated ${result.updated}\n`);
        return 0;
      }
      case "api-key": {
        const [sub, name, ...flags] = rest;
        if (sub !== "create" || !name) throw new Error("Usage: api-key create NAME [--rate N]");
        const rateAt = flags.indexOf("--rate");
        const rate = rateAt >= 0 ? Number(flags[rateAt + 1]) : undefined;
        await bootstrap(deps, env.areasFile);
        const key = await createApiKey({
          ctx: systemCtx(deps, "cli"),
          input: { name, ...(rate !== undefined ? { rateLimitPerMinute: rate } : {}) },
        });
        process.stdout.write(`API key for ${key.name} (shown once, keep it safe):\n${key.key}\n`);
        return 0;
      }
      case "seed-demo": {
        await bootstrap(deps, env.areasFile);
        const seeded = await seedDemoData(deps, {
          la311File: env.la311File,
          credentialsFile: path.join(env.dataDir, "demo-staff-credentials.json"),
        });
        process.stdout.write(`Added ${seeded.staff} staff and ${seeded.reports} reports\n`);
        return 0;
      }
      case "staff": {
        const [sub, email] = rest;
        if (sub !== "session" || !email) throw new Error("Usage: staff session EMAIL");
        await bootstrap(deps, env.areasFile);
        const session = await createStaffSession({ ctx: systemCtx(deps, "cli"), input: { email } });
        process.stdout.write(
          `Staff session until ${session.expiresAt} (shown once; send it as 'Authorization: Bearer <token>'):\n${session.sessionToken}\n`,
        );
        return 0;
      }
      default:
        process.stderr.write(`Unknown command '${command}'\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    const message =
      error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    return 1;
  } finally {
    deps.store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
