/**
 * Kuwait's working calendar for response targets: time counts on working days only — Sunday to
 * Thursday, Asia/Kuwait (UTC+3 all year, no daylight saving) — and not on public holidays, which
 * are data an administrator keeps. A report made on a Friday starts its clock on Sunday at 00:00.
 */
export interface WorkingCalendar {
  /** Public holidays as Kuwait dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
}

const KUWAIT_OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;
/** More consecutive days off than this means the holiday data is wrong. */
const MAX_DAYS_OFF = 60;

/** The Kuwait date of an instant, YYYY-MM-DD. */
export function kuwaitDate(at: Date): string {
  return new Date(at.getTime() + KUWAIT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Friday (5) and Saturday (6) are the weekend. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 5 && weekday !== 6 && !calendar.holidays.has(date);
}

/** The instant `hours` working hours after `start`. */
export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar): Date {
  let local = start.getTime() + KUWAIT_OFFSET_MS;
  let remaining = hours * 3_600_000;
  let daysOff = 0;
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    if (!isWorkingDay(date, calendar)) {
      if (++daysOff > MAX_DAYS_OFF) throw new Error(`More than ${MAX_DAYS_OFF} days off in a row from ${date}`);
      local = dayStart + DAY_MS;
      continue;
    }
    daysOff = 0;
    const leftToday = dayStart + DAY_MS - local;
    if (remaining <= leftToday) return new Date(local + remaining - KUWAIT_OFFSET_MS);
    remaining -= leftToday;
    local = dayStart + DAY_MS;
  }
}

/** Working hours between two instants (0 when `to` is not after `from`). */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let local = from.getTime() + KUWAIT_OFFSET_MS;
  const end = to.getTime() + KUWAIT_OFFSET_MS;
  let ms = 0;
  while (local < end) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, end);
    if (isWorkingDay(new Date(dayStart).toISOString().slice(0, 10), calendar)) ms += dayEnd - local;
    local = dayEnd;
  }
  return ms / 3_600_000;
}
