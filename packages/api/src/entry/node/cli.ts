import path from "node:path";
import { createConsoleLogger } from "../../adapters/node/console-logger";
import { createApiKey } from "../../domain/api-key/create-api-key";
import { DomainError } from "../../domain/errors";
import { addStaffMember } from "../../domain/staff/add-staff-member";
import { createStaffSession } from "../../domain/staff/create-staff-session";
import { listStaff } from "../../domain/staff/list-staff";
import { resetStaffCredentials } from "../../domain/staff/reset-staff-credentials";
import { unlockStaff } from "../../domain/staff/unlock-staff";
import { bootstrap, importAreasFile, systemCtx } from "./bootstrap";
import { composeNodeDeps } from "./compose";
import { seedDemoData } from "./demo-seed";
import { readEnv } from "./env";

const USAGE = `Usage: pnpm baladiya <command>
  import-areas FILE.geojson           load or update area polygons
  api-key create NAME [--rate N]      issue an Open311 API key (N requests per minute)
  migrate                             apply database migrations and seed reference data
  seed-demo                           add demo staff and reports to an empty database
  staff add EMAIL ROLE GOV [DEPT] --name-ar "…" --name-en "…" [--specialties A,B]
                                      add a staff member; prints the password and authenticator secret once
  staff list                          list staff accounts (role, branch, open load, locked or not)
  staff unlock EMAIL                  lift a lock-out after wrong sign-ins
  staff reset EMAIL                   new password and authenticator secret (ends open sessions)
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
        const [sub, ...args] = rest;
        await bootstrap(deps, env.areasFile);
        const ctx = systemCtx(deps, "cli");
        const flag = (name: string) => {
          const at = args.indexOf(name);
          return at >= 0 ? args[at + 1] : undefined;
        };
        const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
        const byEmail = async (email: string | undefined) => {
          const member = (await listStaff({ ctx })).find((m) => m.email === email?.toLowerCase());
          if (!member) throw new Error(`No staff member with e-mail '${email ?? ""}'`);
          return member;
        };
        const showCredentials = (c: { password: string; totpSecret: string; otpauthUrl: string }) =>
          process.stdout.write(
            `Shown once — pass them on safely:\n  password:             ${c.password}\n  authenticator secret: ${c.totpSecret}\n  authenticator URL:    ${c.otpauthUrl}\n`,
          );
        switch (sub) {
          case "add": {
            const [email, role, governorateCode, departmentKind] = positional;
            const nameAr = flag("--name-ar");
            const nameEn = flag("--name-en");
            if (!email || !role || !governorateCode || !nameAr || !nameEn) {
              throw new Error('Usage: staff add EMAIL ROLE GOV [DEPT] --name-ar "…" --name-en "…" [--specialties A,B]');
            }
            const created = await addStaffMember({
              ctx,
              input: {
                name: { ar: nameAr, en: nameEn },
                email,
                role,
                governorateCode,
                ...(departmentKind ? { departmentKind } : {}),
                specialties: (flag("--specialties") ?? "").split(",").filter(Boolean),
              },
            });
            process.stdout.write(`Added ${email} (${role}, ${governorateCode})\n`);
            showCredentials(created);
            return 0;
          }
          case "list": {
            for (const m of await listStaff({ ctx })) {
              const locked = m.lockedUntil && m.lockedUntil > new Date().toISOString() ? " LOCKED" : "";
              process.stdout.write(
                `${m.email}\t${m.role}\t${m.governorateCode}\t${m.departmentKind ?? "-"}\topen ${m.openCaseCount}${m.active ? "" : " inactive"}${locked}\n`,
              );
            }
            return 0;
          }
          case "unlock": {
            const member = await byEmail(positional[0]);
            await unlockStaff({ ctx, input: { staffId: member.id } });
            process.stdout.write(`Unlocked ${member.email}\n`);
            return 0;
          }
          case "reset": {
            const member = await byEmail(positional[0]);
            showCredentials(await resetStaffCredentials({ ctx, input: { staffId: member.id } }));
            return 0;
          }
          case "session": {
            const email = positional[0];
            if (!email) throw new Error("Usage: staff session EMAIL");
            const session = await createStaffSession({ ctx, input: { email } });
            process.stdout.write(
              `Staff session until ${session.expiresAt} (shown once; send it as 'Authorization: Bearer <token>'):\n${session.sessionToken}\n`,
            );
            return 0;
          }
          default:
            throw new Error("Usage: staff add|list|unlock|reset|session …");
        }
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
