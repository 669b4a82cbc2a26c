/** Arabic-Indic and Persian digits typed on an Arabic keyboard, read as the ASCII digits they are. */
export const asciiDigits = (value: string): string =>
  value.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

/** Mirrors the shared KuwaitPhone schema: 8 digits starting 2, 4, 5, 6 or 9, optionally +965 / 00965. */
export function normalisePhone(value: string): string | null {
  const compact = asciiDigits(value).trim().replace(/[\s-]/g, "");
  return /^(\+965|00965)?[24569]\d{7}$/.test(compact) ? compact : null;
}
