import { writeFile } from "node:fs/promises";
import { count, inArray } from "drizzle-orm";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { kiosks, staff } from "../../db/schema";
import type { Deps } from "../../domain/context";
import { registerKiosk } from "../../domain/kiosk/register-kiosk";
import { setAgentSkills } from "../../domain/kiosk/set-agent-skills";
import { systemCtx } from "./bootstrap";

const DEMO_KIOSKS = [
  {
    name: { ar: "جهاز جمعية السالمية", en: "Salmiya Co-op kiosk" },
    place: { ar: "جمعية السالمية التعاونية", en: "Salmiya Co-operative Society" },
    governorateCode: "KW-HA",
    location: { lat: 29.3352, lng: 48.0689 },
  },
  {
    name: { ar: "جهاز جمعية الروضة", en: "Rawda Co-op kiosk" },
    place: { ar: "جمعية الروضة وحولي التعاونية", en: "Rawda & Hawalli Co-operative Society" },
    governorateCode: "KW-KU",
    location: { lat: 29.3275, lng: 47.9996 },
  },
];

/** Who answers the demo kiosks: each branch's clerk takes every service, its supervisor complaints and inquiries. */
const AGENTS: { prefix: string; skills: KioskService[] }[] = [
  { prefix: "clerk.", skills: ["complaint", "certificate", "inquiry", "other"] },
  { prefix: "supervisor.", skills: ["complaint", "inquiry"] },
];

/**
 * Two demo kiosks (Hawalli and the Capital) and their agents, on an empty kiosk register. The device
 * keys go to `keysFile`, to be typed into /kiosk once.
 */
export async function seedDemoKiosks(deps: Deps, keysFile: string | null): Promise<number> {
  const [existing] = await deps.store.read((db) => db.select({ n: count() }).from(kiosks));
  if ((existing?.n ?? 0) > 0) return 0;
  const ctx = systemCtx(deps, "demo-seed");
  const registered = [];
  for (const input of DEMO_KIOSKS) {
    const ref = await deps.reference.get();
    if (!ref.areaIndex.locate(input.location)) continue;
    registered.push(await registerKiosk({ ctx, input }));
  }
  const members = await deps.store.read((db) =>
    db
      .select({ id: staff.id, email: staff.email })
      .from(staff)
      .where(inArray(staff.role, ["clerk", "supervisor"])),
  );
  for (const member of members) {
    const plan = AGENTS.find((a) => member.email.startsWith(a.prefix));
    if (plan) await setAgentSkills({ ctx, input: { staffId: member.id, skills: plan.skills } });
  }
  if (keysFile && registered.length > 0)
    await writeFile(
      keysFile,
      `${JSON.stringify(
        registered.map((r) => ({ kiosk: r.kiosk.name.en, governorate: r.kiosk.governorateCode, deviceKey: r.deviceKey })),
        null,
        2,
      )}\n`,
      { mode: 0o600 },
    );
  return registered.length;
}
