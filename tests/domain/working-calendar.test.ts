import { addWorkingHours, isWorkingDay, kuwaitDate, workingHoursBetween } from "@baladiya/api/domain/calendar/working-calendar";
import { describe, expect, it } from "vitest";

const none = { holidays: new Set<string>() };
// 2026-02-25 and 26 are Kuwait's National and Liberation Days.
const national = { holidays: new Set(["2026-02-25", "2026-02-26"]) };
const at = (kuwaitLocal: string) => new Date(`${kuwaitLocal}+03:00`);

describe("Kuwait's working calendar", () => {
  it("knows the Kuwait date of an instant and the Friday–Saturday weekend", () => {
    expect(kuwaitDate(new Date("2026-11-26T21:30:00Z"))).toBe("2026-11-27"); // 00:30 Friday in Kuwait
    expect(isWorkingDay("2026-11-26", none)).toBe(true); // Thursday
    expect(isWorkingDay("2026-11-27", none)).toBe(false); // Friday
    expect(isWorkingDay("2026-11-28", none)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", none)).toBe(true); // Sunday
    expect(isWorkingDay("2026-02-25", national)).toBe(false);
  });

  it("counts a target within a working day as plain hours", () => {
    expect(addWorkingHours(at("2026-11-29T09:00:00"), 4, none)).toEqual(at("2026-11-29T13:00:00"));
  });

  it("stops the clock over the weekend", () => {
    // Thursday 20:00 + 24 h: 4 h on Thursday, the weekend skipped, 20 h of Sunday.
    expect(addWorkingHours(at("2026-11-26T20:00:00"), 24, none)).toEqual(at("2026-11-29T20:00:00"));
    // A report made on Friday starts its clock on Sunday at midnight.
    expect(addWorkingHours(at("2026-11-27T10:00:00"), 4, none)).toEqual(at("2026-11-29T04:00:00"));
  });

  it("stops the clock on public holidays, and across a holiday next to the weekend", () => {
    // Tuesday 2026-02-24 12:00 + 24 h: 12 h Tuesday, Wed+Thu holidays, Fri+Sat weekend, 12 h Sunday.
    expect(addWorkingHours(at("2026-02-24T12:00:00"), 24, national)).toEqual(at("2026-03-01T12:00:00"));
    expect(workingHoursBetween(at("2026-02-24T12:00:00"), at("2026-03-01T12:00:00"), national)).toBe(24);
  });

  it("is consistent: the working hours between a start and its target are the target", () => {
    const starts = ["2026-11-26T23:59:00", "2026-11-27T00:00:00", "2026-11-29T00:00:00", "2026-02-24T07:30:00"];
    for (const s of starts) {
      for (const hours of [4, 24, 48, 72]) {
        const due = addWorkingHours(at(s), hours, national);
        expect(workingHoursBetween(at(s), due, national)).toBeCloseTo(hours, 9);
        expect(isWorkingDay(kuwaitDate(new Date(due.getTime() - 1)), national)).toBe(true);
      }
    }
  });

  it("refuses holiday data that leaves no working day for months", () => {
    const everyDay = {
      holidays: new Set(Array.from({ length: 120 }, (_, i) => kuwaitDate(new Date(Date.UTC(2026, 0, 1) + i * 86_400_000)))),
    };
    expect(() => addWorkingHours(at("2026-01-01T08:00:00"), 4, everyDay)).toThrow(/days off in a row/);
  });
});
