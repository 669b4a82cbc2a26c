import { locale } from "../i18n";

const tag = () => (locale() === "ar" ? "ar-KW" : "en-GB");
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const full = `${tag()}|${key}`;
  let format = formats.get(full) as T | undefined;
  if (!format) {
    format = make();
    formats.set(full, format);
  }
  return format;
}

/** A count in the reader's digits (Arabic-Indic in Arabic). */
export const num = (value: number): string => cached("n", () => new Intl.NumberFormat(tag())).format(value);

/** A calendar date in Kuwait, without the time: a certificate's issue and expiry. */
export const kuwaitDate = (at: string): string =>
  cached("d", () => new Intl.DateTimeFormat(tag(), { timeZone: "Asia/Kuwait", dateStyle: "long" })).format(new Date(at));

/** "3 hours", "٣ ساعات", "2 days": how long since `since`, by this device's clock (at least a minute). */
export function elapsed(since: string, now = Date.now()): string {
  const minutes = Math.max(1, Math.floor((now - Date.parse(since)) / 60_000));
  const [value, unit] =
    minutes < 60
      ? [minutes, "minute"]
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), "hour"]
        : [Math.floor(minutes / 1440), "day"];
  return cached(unit, () => new Intl.NumberFormat(tag(), { style: "unit", unit, unitDisplay: "long" })).format(value);
}

/** A file size the way people say it: 850 KB, 2.4 MB ("long": 10 megabytes, ١٠ ميغابايت). */
export function fileSize(bytes: number, display: "short" | "long" = "short"): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1 ? [mb, "megabyte"] : [Math.max(1, Math.round(bytes / 1024)), "kilobyte"];
  return cached(
    `${unit}-${display}`,
    () => new Intl.NumberFormat(tag(), { style: "unit", unit, unitDisplay: display, maximumFractionDigits: 1 }),
  ).format(value);
}

/** Enough of a key or signature to compare at a glance; the whole stays in the title. */
export const hexPrefix = (hex: string, n = 16): string => (hex.length > n ? `${hex.slice(0, n)}…` : hex);
