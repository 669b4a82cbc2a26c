import { ApplicationNumber, type StaffApplicationView } from "@baladiya/shared/certificate";
import { z } from "zod";
import type { Ctx } from "../context";
import { parseInput } from "../errors";
import { assertCan } from "../permissions";
import { findStaffApplication } from "./application-rows";
import { staffApplicationView } from "./application-view";

/** An application as an employee of its branch (or of a central department) sees it. */
export async function getStaffApplication({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StaffApplicationView> {
  assertCan(ctx.actor, "certificate.staff_read");
  const { number } = parseInput(z.object({ number: ApplicationNumber }), input);
  return ctx.deps.store.read(async (db) => staffApplicationView(ctx, db, await findStaffApplication(ctx, db, number)));
}
