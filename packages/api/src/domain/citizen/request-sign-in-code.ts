import { RequestSignInCodeInput, type RequestSignInCodeResult } from "@baladiya/shared/citizen";
import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { signInCodes } from "../../db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { assertCan } from "../permissions";
import { nationalPhone } from "./phone";

/** Six digits, uniformly (rejection sampling keeps the modulo from favouring low codes). */
export function randomCode(): string {
  const buf = new Uint32Array(1);
  const limit = Math.floor(0xffffffff / 1_000_000) * 1_000_000;
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] ?? 0;
    if (v < limit) return String(v % 1_000_000).padStart(6, "0");
  }
}

export const codeHash = (ctx: Ctx, phone: string, codeId: string, code: string) =>
  ctx.deps.hasher.sha256Hex(`${codeId}:${phone}:${code}`);

const TEXT = {
  ar: (code: string) => `رمز الدخول إلى بلدية الكويت: ${code}. لا تشاركه مع أحد.`,
  en: (code: string) => `Kuwait Municipality sign-in code: ${code}. Do not share it.`,
};

/**
 * Sends a one-time sign-in code to a phone. A phone gets a new code at most every few seconds and
 * a few per hour; asking again replaces the previous code.
 */
export async function requestSignInCode({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<RequestSignInCodeResult> {
  assertCan(ctx.actor, "citizen.sign_in");
  const args = parseInput(RequestSignInCodeInput, input);
  const phone = nationalPhone(args.phone);
  const { policy } = ctx.deps;
  const now = ctx.deps.clock.now();
  const code = randomCode();
  const id = ctx.deps.ids.uuid();
  const hash = await codeHash(ctx, phone, id, code);
  const expiresAt = new Date(now.getTime() + policy.signInCodeTtlSeconds * 1000).toISOString();
  await ctx.deps.store.write(async (db) => {
    const recent = await db
      .select({ createdAt: signInCodes.createdAt })
      .from(signInCodes)
      .where(and(eq(signInCodes.phone, phone), gte(signInCodes.createdAt, new Date(now.getTime() - 3_600_000).toISOString())))
      .orderBy(desc(signInCodes.createdAt));
    const last = recent[0];
    if (last) {
      const wait = Math.ceil((Date.parse(last.createdAt) + policy.signInCodeResendSeconds * 1000 - now.getTime()) / 1000);
      if (wait > 0) {
        throw new DomainError("RATE_LIMITED", `Wait ${wait} seconds before asking for another code`, {
          retryAfterSeconds: wait,
        });
      }
    }
    if (recent.length >= policy.signInCodesPerHour) {
      throw new DomainError("RATE_LIMITED", "Too many codes for this phone in the last hour; try again later", {
        retryAfterSeconds: 3600,
      });
    }
    // Only the newest code works.
    await db
      .update(signInCodes)
      .set({ consumedAt: now.toISOString() })
      .where(and(eq(signInCodes.phone, phone), isNull(signInCodes.consumedAt)));
    await db
      .insert(signInCodes)
      .values({ id, phone, codeHash: hash, attempts: 0, createdAt: now.toISOString(), expiresAt, consumedAt: null });
  });
  try {
    await ctx.deps.sms.send({ phone, text: TEXT[args.locale](code), purpose: "sign_in_code", code });
  } catch (cause) {
    ctx.deps.log.error("sign-in code not sent", { error: String(cause) });
    throw new DomainError("INTERNAL", "The code could not be sent; try again shortly", { cause });
  }
  return { expiresAt, resendAfterSeconds: policy.signInCodeResendSeconds };
}
