import { listServices, type Service } from "../queries";

const KEY = "baladiya.services.v1";

/** The last list of services seen on this phone, so the form works with no network. */
export function cachedServices(): Service[] | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "null");
    return Array.isArray(parsed) && parsed.length > 0 ? (parsed as Service[]) : null;
  } catch {
    return null;
  }
}

/** Started by index.html while the code downloads; used once. */
function earlyFetch(): Promise<Service[] | null> | undefined {
  const w = window as { __baladiyaServices?: Promise<Service[] | null> };
  const early = w.__baladiyaServices;
  delete w.__baladiyaServices;
  return early;
}

/** The current list from the server, kept for next time. */
export async function freshServices(): Promise<Service[]> {
  const list = (await earlyFetch()) ?? (await listServices());
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: the list still works for this visit.
  }
  return list;
}
