import { readFile } from "node:fs/promises";
import path from "node:path";
import { areas } from "../../db/schema";
import { parsePlotsCsv } from "../../domain/certificate/parse-plots-csv";
import { importPlots } from "../../domain/certificate/seed-plots";
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
import { sealLedger } from "../../domain/ledger/seal-ledger";
import { treeHashing } from "../../domain/ledger/tree-hashing";
import { seedDemoData } from "./demo-seed";
import { readEnv } from "./env";
import { witnessIdentity, witnessOnce } from "./ledger-witness";
import { getLedgerKey } from "../../domain/ledger/get-ledger-key";
import { registerWitness } from "../../domain/ledger/register-witness";
import { signTreeHead } from "../../domain/ledger/sign-tree-head";
import { verifyLedger } from "../../domain/ledger/verify-ledger";
import { listKiosks } from "../../domain/kiosk/list-kiosks";
import { registerKiosk } from "../../domain/kiosk/register-kiosk";
import { revokeKiosk } from "../../domain/kiosk/revoke-kiosk";
import { setAgentSkills } from "../../domain/kiosk/set-agent-skills";

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
  plots import FILE.csv               load plots into the register (columns: governorate_code, area — its id or
                                      English/Arabic name —, block, plot, plan_number, land_area_m2)
  kiosk add GOV --at LAT,LNG --name-ar "…" --name-en "…" --place-ar "…" --place-en "…"
                                      register a kiosk; prints its device key once
  kiosk list | kiosk revoke ID        the kiosks; take one out of service
  kiosk agent EMAIL SKILLS            which kiosk services an employee answers (complaint,certificate,inquiry,other)
  ledger verify                       audit the transparency ledger: recompute the tree, check every leaf
                                      against its row, every head's signature; names the first mismatch
  ledger sign                         sign a tree head now
  ledger key                          print the log's verifier key
  ledger witness-add NAME VKEY        allow an outside witness to co-sign tree heads
  ledger witness --url URL [--name N] [--dir DIR] [--every SECONDS]
                                      be a witness (run by an outside body): check each head extends the
                                      last one seen, co-sign it, raise an alarm on a fork (exit code 3)
  primary init [--demo]               with PRIMARY_URL: bring the primary's schema up to this version,
                                      load reference data and areas (and demo data) for the branches
Environment: DATA_DIR (default ./data); with PRIMARY_URL, commands go through this machine's
replica of that primary (KEYS_DIR: the deployment's shared keys)`;

/**
 * `primary init [--demo]` (with PRIMARY_URL): brings a new or older primary's schema up to this
 * version through this machine's replica, loads reference data and areas, and demo data if asked,
 * and seals what it wrote into the ledger. Run it before the servers start: branches then take all
 * of it from the primary.
 */
async function preparePrimary(env: ReturnType<typeof readEnv>, args: string[]): Promise<number> {
  const [sub, ...flags] = args;
  if (sub !== "init") throw new Error("Usage: PRIMARY_URL=… primary init [--demo]");
  if (!env.replica) throw new Error("primary init needs PRIMARY_URL: the primary's sync URL");
  const deps = await composeNodeDeps({
    ledgerOrigin: env.ledgerOrigin,
    dataDir: env.dataDir,
    migrationsDir: env.migrationsDir,
    log: createConsoleLogger({ service: "cli" }),
    // The one writer of the ledger while it runs (see below).
    database: { kind: "replica", ...env.replica, sealer: true, migrate: true },
    ...(env.keysDir ? { keysDir: env.keysDir } : {}),
    ...(env.blobsDir ? { blobsDir: env.blobsDir } : {}),
  });
  try {
    const { areas } = await bootstrap(deps, env.areasFile);
    const seeded = flags.includes("--demo")
      ? await seedDemoData(deps, {
          la311File: env.la311File,
          credentialsFile: path.join(env.dataDir, "demo-staff-credentials.json"),
          kioskKeysFile: path.join(env.dataDir, "demo-kiosk-keys.json"),
        })
      : null;
    // Sealed here, before any server runs (and so before any other sealer): a Workers deployment
    // seals only its own transactions' rows, and branches wait for the centre to start.
    const hashing = treeHashing(deps.hasher);
    const sealed = (await deps.replicaStore?.writeSynced((db) => sealLedger(db, 0, hashing))) ?? 0;
    process.stdout.write(
      `Primary ${env.replica.primaryUrl} ready (${areas} areas${seeded ? `, ${seeded.reports} demo reports` : ""}, ${sealed} ledger leaves sealed)\n`,
    );
    return 0;
  } finally {
    await deps.pdf.close();
    await deps.store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  // A witness runs elsewhere, with no database: only its key and what it saw last.
  if (command === "ledger" && rest[0] === "witness") return runWitness(rest.slice(1));
  const env = readEnv();
  if (command === "primary") return preparePrimary(env, rest);
  // With PRIMARY_URL set, commands work through this machine's replica and reach the primary.
  const deps = await composeNodeDeps({
    ledgerOrigin: env.ledgerOrigin,
    dataDir: env.dataDir,
    migrationsDir: env.migrationsDir,
    log: createConsoleLogger({ service: "cli" }),
    ...(env.replica ? { database: { kind: "replica" as const, ...env.replica } } : {}),
    ...(env.keysDir ? { keysDir: env.keysDir } : {}),
    ...(env.blobsDir ? { blobsDir: env.blobsDir } : {}),
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
          kioskKeysFile: path.join(env.dataDir, "demo-kiosk-keys.json"),
        });
        process.stdout.write(`Added ${seeded.staff} staff, ${seeded.reports} reports and ${seeded.kiosks} kiosks\n`);
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
      case "plots": {
        const [sub, file] = rest;
        if (sub !== "import" || !file) throw new Error("Usage: plots import FILE.csv");
        const areaRows = await deps.store.read((db) =>
          db.select({ id: areas.id, ar: areas.nameAr, en: areas.nameEn, gov: areas.governorateCode }).from(areas),
        );
        const { plots, problems } = parsePlotsCsv(await readFile(file, "utf8"), areaRows);
        for (const p of problems.slice(0, 20)) process.stderr.write(`${p}\n`);
        if (problems.length > 0) {
          process.stderr.write(`${problems.length} lines refused; nothing imported\n`);
          return 1;
        }
        const added = await importPlots({ ctx: systemCtx(deps, "cli"), plots });
        process.stdout.write(`Imported ${added} new plots (${plots.length - added} already in the register)\n`);
        return 0;
      }
      case "kiosk": {
        const [sub, ...args] = rest;
        await bootstrap(deps, env.areasFile);
        const ctx = systemCtx(deps, "cli");
        const flag = (name: string) => {
          const at = args.indexOf(name);
          return at >= 0 ? args[at + 1] : undefined;
        };
        switch (sub) {
          case "add": {
            const governorateCode = args[0];
            const [lat, lng] = (flag("--at") ?? "").split(",").map(Number);
            const name = { ar: flag("--name-ar") ?? "", en: flag("--name-en") ?? "" };
            const place = { ar: flag("--place-ar") ?? "", en: flag("--place-en") ?? "" };
            if (!governorateCode || lat === undefined || lng === undefined || !name.ar || !name.en || !place.ar || !place.en)
              throw new Error('Usage: kiosk add GOV --at LAT,LNG --name-ar "…" --name-en "…" --place-ar "…" --place-en "…"');
            const { kiosk, deviceKey } = await registerKiosk({
              ctx,
              input: { governorateCode, location: { lat, lng }, name, place },
            });
            process.stdout.write(
              `Registered ${kiosk.name.en} (${kiosk.id})\nDevice key — shown once, type it into /kiosk:\n  ${deviceKey}\n`,
            );
            return 0;
          }
          case "list": {
            for (const k of await listKiosks({ ctx }))
              process.stdout.write(
                `${k.id}  ${k.governorateCode}  ${k.active ? "active " : "revoked"}  ${k.name.en}  (last seen ${k.lastSeenAt ?? "never"})\n`,
              );
            return 0;
          }
          case "revoke": {
            if (!args[0]) throw new Error("Usage: kiosk revoke KIOSK_ID");
            await revokeKiosk({ ctx, input: { kioskId: args[0] } });
            process.stdout.write(`Revoked ${args[0]}: its device key and sessions no longer work\n`);
            return 0;
          }
          case "agent": {
            const [email, skills] = args;
            const member = (await listStaff({ ctx })).find((m) => m.email === email?.toLowerCase());
            if (!member || skills === undefined)
              throw new Error("Usage: kiosk agent EMAIL complaint,certificate,inquiry,other (empty: none)");
            const agent = await setAgentSkills({ ctx, input: { staffId: member.id, skills: skills.split(",").filter(Boolean) } });
            process.stdout.write(`${email} answers kiosk calls for: ${agent.skills.join(", ") || "nothing"}\n`);
            return 0;
          }
          default:
            throw new Error("Usage: kiosk add|list|revoke|agent …");
        }
      }
      case "ledger": {
        const [sub, ...args] = rest;
        await bootstrap(deps, env.areasFile);
        const ctx = systemCtx(deps, "cli");
        switch (sub) {
          case "verify": {
            const started = performance.now();
            const audit = await verifyLedger({
              ctx,
              onProgress: (n) => process.stderr.write(`\rchecked ${n} leaves`),
            });
            const seconds = ((performance.now() - started) / 1000).toFixed(1);
            process.stderr.write("\n");
            process.stdout.write(
              `${audit.size} leaves, root ${audit.root}, ${audit.heads} signed heads, ${audit.cosignatures} co-signatures, checked in ${seconds} s\n`,
            );
            if (audit.problems.length === 0) {
              process.stdout.write("The ledger is intact.\n");
              return 0;
            }
            const [first] = audit.problems;
            process.stdout.write(
              `TAMPERED: ${audit.problems.length} problem(s). First: ${first!.table} ${first!.row} ${first!.problem}\n`,
            );
            for (const p of audit.problems.slice(1, 50)) process.stdout.write(`  ${p.table} ${p.row} ${p.problem}\n`);
            return 1;
          }
          case "sign": {
            const head = await signTreeHead({ ctx });
            process.stdout.write(head?.note ?? "");
            return 0;
          }
          case "key":
            process.stdout.write(`${getLedgerKey({ ctx }).vkey}\n`);
            return 0;
          case "witness-add": {
            const [name, vkey] = args;
            if (!name || !vkey) throw new Error("Usage: ledger witness-add NAME VKEY");
            await registerWitness({ ctx, input: { name, vkey } });
            process.stdout.write(`Witness ${name} may now co-sign tree heads\n`);
            return 0;
          }
          default:
            throw new Error("Usage: ledger verify|sign|key|witness-add|witness …");
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
    await deps.store.close();
  }
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function runWitness(args: string[]): Promise<number> {
  const url = flag(args, "url");
  if (!url) {
    process.stderr.write("Usage: ledger witness --url URL [--name N] [--dir DIR] [--every SECONDS]\n");
    return 2;
  }
  const options = {
    url,
    name: flag(args, "name") ?? "witness",
    dir: path.resolve(flag(args, "dir") ?? "witness"),
  };
  const every = Number(flag(args, "every") ?? 0);
  const me = await witnessIdentity(options);
  process.stderr.write(`Witness ${options.name}, verifier key ${me.vkey}\n`);
  for (;;) {
    try {
      const outcome = await witnessOnce(options);
      if (!outcome.ok) {
        process.stderr.write(`ALARM: ${outcome.alarm}\n`);
        return 3;
      }
      process.stdout.write(
        `co-signed size ${outcome.size} root ${outcome.root}${outcome.cosigned ? "" : " (already co-signed)"}\n`,
      );
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      if (!every) return 1;
    }
    if (!every) return 0;
    await new Promise((resolve) => setTimeout(resolve, every * 1000));
  }
}

process.exitCode = await main(process.argv.slice(2));
