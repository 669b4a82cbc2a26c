import { z } from "zod";
import { KuwaitPhone, TrackingNumber } from "./case";
import { CivilId } from "./civil-id";
import { Locale } from "./i18n";

/** Residents sign in without passwords: a phone number, then the one-time code sent to it. */
export const RequestSignInCodeInput = z.object({ phone: KuwaitPhone, locale: Locale.default("ar") });
export type RequestSignInCodeInput = z.input<typeof RequestSignInCodeInput>;

export const SIGN_IN_CODE_LENGTH = 6;

export const RequestSignInCodeResult = z.object({
  /** The code stops working at this time. */
  expiresAt: z.string(),
  /** A new code may be asked for after this many seconds. */
  resendAfterSeconds: z.number().int(),
});
export type RequestSignInCodeResult = z.infer<typeof RequestSignInCodeResult>;

export const VerifySignInCodeInput = z.object({
  phone: KuwaitPhone,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "The code has 6 digits"),
});
export type VerifySignInCodeInput = z.input<typeof VerifySignInCodeInput>;

export const CitizenProfile = z.object({
  phone: z.string(),
  name: z.string().nullable(),
  /** Only the last four digits are ever sent back. */
  civilIdLast4: z.string().nullable(),
});
export type CitizenProfile = z.infer<typeof CitizenProfile>;

export const SignInResult = z.object({ sessionToken: z.string(), expiresAt: z.string(), profile: CitizenProfile });
export type SignInResult = z.infer<typeof SignInResult>;

export const UpdateProfileInput = z.object({
  name: z.string().trim().min(1).max(120).nullable().optional(),
  /** Optional; when given it must be a valid Kuwaiti Civil ID. null removes it. */
  civilId: CivilId.nullable().optional(),
});
export type UpdateProfileInput = z.input<typeof UpdateProfileInput>;

/** Reports made on this device before signing in join the account when their tokens are shown. */
export const ClaimCasesInput = z.object({
  cases: z.array(z.object({ trackingNumber: TrackingNumber, token: z.string().min(16).max(128) })).max(100),
});
export type ClaimCasesInput = z.input<typeof ClaimCasesInput>;
