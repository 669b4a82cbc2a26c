import { createSignal } from "solid-js";

export interface SavedReport {
  trackingNumber: string;
  token: string;
  savedAt: string;
}

const STORAGE_KEY = "baladiya.myReports";

const isSaved = (r: unknown): r is SavedReport =>
  typeof r === "object" &&
  r !== null &&
  typeof (r as SavedReport).trackingNumber === "string" &&
  typeof (r as SavedReport).token === "string";

function load(): SavedReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSaved) : [];
  } catch {
    return [];
  }
}

const [myReports, setMyReports] = createSignal<SavedReport[]>(load());
export { myReports };

function persist(next: SavedReport[]): void {
  setMyReports(next);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the list still lives for this visit.
  }
}

export function saveReport(trackingNumber: string, token: string): void {
  const rest = myReports().filter((r) => r.trackingNumber !== trackingNumber);
  persist([{ trackingNumber, token, savedAt: new Date().toISOString() }, ...rest]);
}

export function forgetReport(trackingNumber: string): void {
  persist(myReports().filter((r) => r.trackingNumber !== trackingNumber));
}
