import type { VisitView } from "@baladiya/shared/kiosk";
import { and, eq } from "drizzle-orm";
import { citizens, kioskDocuments } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import type { VisitRow } from "./kiosk-rows";

/** 9xxxxx12 → •••• ••12: people may be standing behind the visitor. */
const maskPhone = (phone: string) => `•••• ••${phone.slice(-2)}`;

export async function visitView(ctx: Ctx, db: Db, visit: VisitRow): Promise<VisitView> {
  const [card] = await db
    .select({ id: kioskDocuments.id })
    .from(kioskDocuments)
    .where(and(eq(kioskDocuments.visitId, visit.id), eq(kioskDocuments.idCard, true)));
  const [citizen] = visit.citizenId
    ? await db.select({ name: citizens.name }).from(citizens).where(eq(citizens.id, visit.citizenId))
    : [];
  return {
    visitId: visit.id,
    state: visit.state as VisitView["state"],
    phoneMasked: visit.phone ? maskPhone(visit.phone) : null,
    codeExpiresAt: visit.state === "code_sent" ? visit.codeExpiresAt : null,
    attemptsLeft: visit.state === "code_sent" ? Math.max(0, ctx.deps.policy.kioskCodeAttempts - visit.codeAttempts) : null,
    idCard: Boolean(card),
    name: citizen?.name ?? null,
  };
}
