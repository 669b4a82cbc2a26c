import { asc } from "drizzle-orm";
import { kiosks } from "../../db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";
import { kioskDevice } from "./kiosk-device";

/** Every registered kiosk, active ones and revoked ones, for administrators. */
export async function listKiosks({ ctx }: { ctx: Ctx }) {
  assertCan(ctx.actor, "kiosk.manage");
  const rows = await ctx.deps.store.read((db) =>
    db.select().from(kiosks).orderBy(asc(kiosks.governorateCode), asc(kiosks.createdAt)),
  );
  return rows.map(kioskDevice);
}
