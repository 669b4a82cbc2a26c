import { RequestVisitCodeInput, type VisitView } from "@baladiya/shared/kiosk";
import { and, eq, gte, sql } from "drizzle-orm";
import { citizens, kioskVisits } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { nationalPhone } from "../citizen/phone";
import { randomCode } from "../citizen/request-sign-in-code";
import { loadOpenVisit, writeAudit } from "./kiosk-rows";
import { visitView } from "./visit-view";

const TEXT = {
  ar: (code: string) => `رمز التحقق في جهاز الخدمة الذاتية لبلدية الكويت: ${code}. لا تشاركه مع أحد.`,
  en: (code: string) => `Kuwait Municipality kiosk verification code: ${code}. Do not share it.`,
};

export const visitCodeHash = (ctx: Ctx, visitId: string, phone: string, code: string) =>
  ctx.deps.hasher.sha256Hex(`kiosk:${visitId}:${phone}:${code}`);

/**
 * The visitor gives their Civil ID and mobile number; a one-time code goes to the phone by SMS. A
 * Civil ID already tied to a resident's account must come with that account's phone.
 */
export async function requestVisitCode({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<VisitView> {
  assertCan(ctx.actor, "kiosk.visit");
  const args = parseInput(RequestVisitCodeInput, input);
  const phone = nationalPhone(args.phone);
  const { policy } = ctx.deps;
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const code = randomCode();
  const hash = await visitCodeHash(ctx, args.visitId, phone, code);
  const { view, locale } = await ctx.deps.store.write(async (db) => {
    const visit = await loadOpenVisit(ctx, db, args.visitId);
    if (visit.state === "verified")
      throw new DomainError("CONFLICT", "The visitor is already identified", {
        issues: [{ path: ["visitId"], message: "Already identified", code: "already_verified" }],
      });
    if (visit.codeSentAt) {
      const wait = Math.ceil((Date.parse(visit.codeSentAt) + policy.signInCodeResendSeconds * 1000 - now.getTime()) / 1000);
      if (wait > 0)
        throw new DomainError("RATE_LIMITED", `Wait ${wait} seconds before asking for another code`, { retryAfterSeconds: wait });
    }
    if (visit.codesSent >= policy.kioskCodesPerVisit)
      throw new DomainError("RATE_LIMITED", "Too many codes for this visit; start again or ask an employee at the counter", {
        retryAfterSeconds: 0,
      });
    // Across visits and kiosks too: nobody can flood a phone with codes from the screen.
    const [recent] = await db
      .select({ n: sql<number>`coalesce(sum(${kioskVisits.codesSent}), 0)` })
      .from(kioskVisits)
      .where(and(eq(kioskVisits.phone, phone), gte(kioskVisits.codeSentAt, new Date(now.getTime() - 3_600_000).toISOString())));
    if (Number(recent?.n ?? 0) >= policy.signInCodesPerHour)
      throw new DomainError("RATE_LIMITED", "Too many codes for this phone in the last hour; try again later", {
        retryAfterSeconds: 3600,
      });
    const holders = await db.select({ phone: citizens.phone }).from(citizens).where(eq(citizens.civilId, args.civilId));
    if (holders.length > 0 && !holders.some((h) => h.phone === phone)) {
      throw new DomainError("VALIDATION", "This Civil ID is registered with another mobile number: use that number", {
        issues: [{ path: ["phone"], message: "Not the number registered for this Civil ID", code: "phone_mismatch" }],
      });
    }
    const next = {
      civilId: args.civilId,
      phone,
      state: "code_sent",
      codeHash: hash,
      codeSentAt: at,
      codeExpiresAt: new Date(now.getTime() + policy.signInCodeTtlSeconds * 1000).toISOString(),
      codeAttempts: 0,
      codesSent: visit.codesSent + 1,
    };
    await db.update(kioskVisits).set(next).where(eq(kioskVisits.id, visit.id));
    await writeAudit(ctx, db, {
      action: "kiosk.visit_code_sent",
      subjectType: "kiosk_visit",
      subjectId: visit.id,
      before: { state: visit.state },
      after: { state: "code_sent", civilId: args.civilId, phone },
      at,
    });
    return {
      view: await visitView(ctx, db, { ...visit, ...next }),
      locale: visit.locale === "en" ? ("en" as const) : ("ar" as const),
    };
  });
  try {
    await ctx.deps.sms.send({ phone, text: TEXT[locale](code), purpose: "sign_in_code", code });
  } catch (cause) {
    ctx.deps.log.error("kiosk code not sent", { error: String(cause) });
    throw new DomainError("INTERNAL", "The code could not be sent; try again shortly", { cause });
  }
  return view;
}
