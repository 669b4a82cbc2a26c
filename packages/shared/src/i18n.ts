import { z } from "zod";

export const Locale = z.enum(["ar", "en"]);
export type Locale = z.infer<typeof Locale>;

/** A text kept in both languages; Arabic is the first language of the platform. */
export const LocalizedText = z.object({ ar: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const KUWAIT_TIME_ZONE = "Asia/Kuwait";

/** Formats an instant in Kuwait time for people; machines get ISO 8601 with +03:00. */
export function formatKuwaitDateTime(at: Date | string, locale: Locale): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-KW" : "en-GB", {
    timeZone: KUWAIT_TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

/** ISO 8601 in Kuwait's fixed offset (UTC+3, no daylight saving), e.g. 2026-11-28T15:04:05+03:00. */
export function toKuwaitIso(at: Date): string {
  const shifted = new Date(at.getTime() + 3 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+03:00`;
}
