import { createSignal } from "solid-js";
import type { LocalizedText } from "@baladiya/shared/i18n";
import type { AppError } from "../app-error";
import { staffSession } from "../staff/session";
import { staffError } from "../staff/staff-error";
import { getFieldDay, getStaffCase, getViolation, type FieldDayResult, type Task, type ViolationDetails } from "./queries";
import { allCache, readCache, writeCache } from "./store";

/** The inspector's day as last fetched, kept on the phone so the app opens and works with no network. */
export interface KeptDay {
  day: FieldDayResult;
  fetchedAt: string;
}

/** What the task page shows of a case beyond the day's summary, kept for offline use. */
export interface CaseDetails {
  trackingNumber: string;
  addressString: string | null;
  timeline: { id: string; text: LocalizedText | null; note: string | null; at: string; by: LocalizedText; internal: boolean }[];
}

const [day, setDay] = createSignal<KeptDay | null>(null);
const [dayError, setDayError] = createSignal<AppError | null>(null);
const [loadingDay, setLoadingDay] = createSignal(false);
/** Tasks seen earlier today that left the list (resolved, reassigned): their page still opens. */
const [seenTasks, setSeenTasks] = createSignal<Map<string, Task>>(new Map());
const [caseDetails, setCaseDetails] = createSignal<Map<string, CaseDetails>>(new Map());
const [violationDetails, setViolationDetails] = createSignal<Map<string, ViolationDetails>>(new Map());
export { caseDetails, day, dayError, loadingDay, violationDetails };

const me = () => staffSession()?.me.id ?? null;
const dayId = (staffId: string) => `day:${staffId}`;
const taskId = (staffId: string, id: string) => `task:${staffId}:${id}`;

export const findTask = (id: string): Task | null => day()?.day.tasks.find((t) => t.id === id) ?? seenTasks().get(id) ?? null;

/** Reads what the phone kept for the signed-in inspector: the day first, so the list shows at once. */
export async function loadKeptDay(): Promise<void> {
  const staffId = me();
  if (!staffId) return;
  try {
    const kept = await readCache<KeptDay>(dayId(staffId));
    if (kept && me() === staffId) setDay(kept.value);
    const tasks = await allCache<Task>(`task:${staffId}:`);
    setSeenTasks(new Map(tasks.map((r) => [r.value.id, r.value])));
    const cases = await allCache<CaseDetails>(`case:${staffId}:`);
    setCaseDetails(new Map(cases.map((r) => [r.value.trackingNumber, r.value])));
    const violations = await allCache<ViolationDetails>(`violation:${staffId}:`);
    setViolationDetails(new Map(violations.map((r) => [r.value.number, r.value])));
  } catch (error) {
    console.warn("field cache unavailable", error);
  }
}

function trimCase(view: Awaited<ReturnType<typeof getStaffCase>>): CaseDetails {
  return {
    trackingNumber: view.trackingNumber,
    addressString: view.addressString,
    timeline: view.timeline.slice(-10).map((e) => ({
      id: e.id,
      text: e.text,
      note: e.note,
      at: e.at,
      by: e.by ?? e.actor,
      internal: e.internal,
    })),
  };
}

/** Keeps each task's case timeline and violation details, so the task page has them offline. */
async function keepDetails(staffId: string, tasks: Task[]): Promise<void> {
  const cases = await Promise.allSettled(tasks.flatMap((t) => (t.case ? [getStaffCase(t.case.trackingNumber)] : [])));
  const violations = await Promise.allSettled(tasks.flatMap((t) => (t.violation ? [getViolation(t.violation.number)] : [])));
  const keptCases = cases.flatMap((r) => (r.status === "fulfilled" ? [trimCase(r.value)] : []));
  const keptViolations = violations.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  await writeCache<unknown>([
    ...keptCases.map((c) => ({ id: `case:${staffId}:${c.trackingNumber}`, value: c })),
    ...keptViolations.map((v) => ({ id: `violation:${staffId}:${v.number}`, value: v })),
  ]);
  setCaseDetails((old) => new Map([...old, ...keptCases.map((c) => [c.trackingNumber, c] as const)]));
  setViolationDetails((old) => new Map([...old, ...keptViolations.map((v) => [v.number, v] as const)]));
}

/** One violation's details, fresh from the server when there is a network (and kept). */
export async function refreshViolation(number: string): Promise<void> {
  const staffId = me();
  if (!staffId) return;
  try {
    const view = await getViolation(number);
    await writeCache([{ id: `violation:${staffId}:${view.number}`, value: view }]);
    setViolationDetails((old) => new Map([...old, [view.number, view]]));
  } catch {
    // The kept copy stays on screen.
  }
}

let fetching: Promise<void> | null = null;

/** Asks the server for today's tasks and keeps them; with no network the kept day stays. */
export function refreshDay(): Promise<void> {
  fetching ??= fetchDay().finally(() => {
    fetching = null;
  });
  return fetching;
}

async function fetchDay(): Promise<void> {
  const staffId = me();
  if (!staffId) return;
  setLoadingDay(true);
  try {
    const fresh = await getFieldDay();
    if (me() !== staffId) return;
    const kept: KeptDay = { day: fresh, fetchedAt: new Date().toISOString() };
    setDay(kept);
    setDayError(null);
    setSeenTasks((old) => new Map([...old, ...fresh.tasks.map((t) => [t.id, t] as const)]));
    await writeCache<unknown>([
      { id: dayId(staffId), value: kept },
      ...fresh.tasks.map((t) => ({ id: taskId(staffId, t.id), value: t })),
    ]);
    void keepDetails(staffId, fresh.tasks);
  } catch (error) {
    const e = staffError(error);
    // No network is the usual state of things here, not an error to show.
    setDayError(e.code === "NETWORK" ? null : e);
  } finally {
    setLoadingDay(false);
  }
}
