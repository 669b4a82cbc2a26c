const WEIGHTS = [2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Kuwaiti Civil ID: 12 digits `C YYMMDD SSSS K`. C is 2 (1900s) or 3 (2000s), YYMMDD a real
 * birth date, K = 11 − (Σ dᵢ·wᵢ mod 11); a check result of 10 or 11 can never be valid.
 * Zod-free, so the web app can check a Civil ID as it is typed without bundling zod.
 */
export function isValidCivilId(value: string): boolean {
  if (!/^[23]\d{11}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const century = digits[0] === 2 ? 1900 : 2000;
  const year = century + Number(value.slice(1, 3));
  const month = Number(value.slice(3, 5));
  const day = Number(value.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += (digits[i] ?? 0) * (WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check >= 10) return false;
  return check === digits[11];
}
