/** crypto.randomUUID exists only in secure contexts; a phone on a plain-http LAN address has none. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One random id per device, so supporting the same report twice from here counts once. */
export function deviceKey(): string {
  try {
    const existing = localStorage.getItem("baladiya.device");
    if (existing) return existing;
    const created = newKey();
    localStorage.setItem("baladiya.device", created);
    return created;
  } catch {
    return newKey();
  }
}
