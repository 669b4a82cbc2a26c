import { RegisterKioskInput } from "@baladiya/shared/kiosk";
import type { z } from "zod";
import { kiosks } from "../../db/schema";
import { actorId, type Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { kioskDevice } from "./kiosk-device";
import { writeAudit } from "./kiosk-rows";

/**
 * An administrator registers a kiosk: its names, where it stands and its governorate. The device
 * key is returned once, to be typed into the machine; only its hash is kept.
 */
export async function registerKiosk({ ctx, input }: { ctx: Ctx; input: unknown }) {
  assertCan(ctx.actor, "kiosk.manage");
  const args: z.infer<typeof RegisterKioskInput> = parseInput(RegisterKioskInput, input);
  const ref = await ctx.deps.reference.get();
  if (!ref.governorates.has(args.governorateCode))
    throw new DomainError("VALIDATION", "Unknown governorate", {
      issues: [{ path: ["governorateCode"], message: "Unknown governorate", code: "unknown_governorate" }],
    });
  const area = ref.areaIndex.locate(args.location);
  if (!area)
    throw new DomainError("OUTSIDE_KUWAIT", "The kiosk's location is not inside Kuwait's municipal areas", {
      issues: [{ path: ["location"], message: "Outside Kuwait's municipal areas" }],
    });
  const deviceKey = `kdk_${ctx.deps.ids.secret(32)}`;
  const keyHash = await ctx.deps.hasher.sha256Hex(deviceKey);
  const at = ctx.deps.clock.now().toISOString();
  const row = {
    id: ctx.deps.ids.uuid(),
    nameAr: args.name.ar.trim(),
    nameEn: args.name.en.trim(),
    placeAr: args.place.ar.trim(),
    placeEn: args.place.en.trim(),
    governorateCode: args.governorateCode,
    lat: args.location.lat,
    lng: args.location.lng,
    keyHash,
    active: true,
    createdAt: at,
    createdBy: actorId(ctx.actor) ?? "system",
    revokedAt: null,
    lastSeenAt: null,
  };
  await ctx.deps.store.write(async (db) => {
    await db.insert(kiosks).values(row);
    await writeAudit(ctx, db, {
      action: "kiosk.register",
      subjectType: "kiosk",
      subjectId: row.id,
      after: { ...row, keyHash: undefined },
      at,
    });
  });
  return { kiosk: kioskDevice(row), deviceKey };
}
