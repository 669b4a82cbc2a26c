import type { KioskConfig } from "@baladiya/shared/kiosk";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { loadKiosk, type KioskRow } from "./kiosk-rows";

export const configOf = (ctx: Ctx, kiosk: KioskRow): KioskConfig => ({
  kiosk: {
    id: kiosk.id,
    name: { ar: kiosk.nameAr, en: kiosk.nameEn },
    place: { ar: kiosk.placeAr, en: kiosk.placeEn },
    governorateCode: kiosk.governorateCode,
  },
  iceServers: ctx.deps.iceServers,
  idleSeconds: ctx.deps.policy.kioskIdleSeconds,
  warnSeconds: ctx.deps.policy.kioskWarnSeconds,
});

/** What the signed-in kiosk needs to run: its names, the STUN/TURN servers and its idle timings. */
export async function getKioskConfig({ ctx }: { ctx: Ctx }): Promise<KioskConfig> {
  assertCan(ctx.actor, "kiosk.visit");
  const kioskId = ctx.actor.kind === "kiosk" ? ctx.actor.kioskId : "";
  return configOf(ctx, await ctx.deps.store.read((db) => loadKiosk(db, kioskId)));
}
