import type { CaseStatus } from "./case";

/**
 * The case state machine as data: every action, the statuses it may start from, the status it
 * leads to, who may take it and what it needs. Verbs read this table; nothing else decides.
 */
export type CaseActor = "staff" | "reporter";

export interface CaseTransition {
  from: readonly CaseStatus[];
  /** null: the action records something without changing the status. */
  to: CaseStatus | null;
  by: readonly CaseActor[];
  /** What the action must carry: a reason (shown publicly), an after-photo. */
  needs: readonly ("reason" | "photo")[];
}

const OPEN: readonly CaseStatus[] = ["new", "acknowledged", "assigned", "in_progress", "action_scheduled", "reopened"];
const RESOLVED: readonly CaseStatus[] = [
  "resolved_fixed",
  "resolved_not_fixed",
  "resolved_not_responsible",
  "resolved_duplicate",
];

export const CASE_TRANSITIONS = {
  acknowledge: { from: ["new", "reopened"], to: "acknowledged", by: ["staff"], needs: [] },
  assign: { from: ["new", "acknowledged", "assigned", "reopened"], to: "assigned", by: ["staff"], needs: [] },
  start: { from: ["new", "acknowledged", "assigned", "reopened"], to: "in_progress", by: ["staff"], needs: [] },
  schedule: { from: ["acknowledged", "assigned", "in_progress"], to: "action_scheduled", by: ["staff"], needs: [] },
  add_note: { from: [...OPEN, ...RESOLVED], to: null, by: ["staff"], needs: ["reason"] },
  /** A note only staff see. */
  internal_note: { from: [...OPEN, ...RESOLVED, "closed"], to: null, by: ["staff"], needs: ["reason"] },
  /** Asks the reporter for more information; the question is public on the timeline. */
  request_info: { from: OPEN, to: null, by: ["staff"], needs: ["reason"] },
  resolve_fixed: { from: OPEN, to: "resolved_fixed", by: ["staff"], needs: ["photo"] },
  resolve_not_fixed: { from: OPEN, to: "resolved_not_fixed", by: ["staff"], needs: ["reason"] },
  resolve_not_responsible: { from: OPEN, to: "resolved_not_responsible", by: ["staff"], needs: ["reason"] },
  resolve_duplicate: { from: OPEN, to: "resolved_duplicate", by: ["staff"], needs: ["reason"] },
  close: { from: RESOLVED, to: "closed", by: ["staff"], needs: [] },
  confirm_fixed: { from: ["resolved_fixed"], to: "closed", by: ["reporter"], needs: [] },
  reopen: { from: [...RESOLVED, "closed"], to: "reopened", by: ["reporter", "staff"], needs: ["reason"] },
  add_info: { from: [...OPEN, ...RESOLVED], to: null, by: ["reporter"], needs: [] },
  rate: { from: [...RESOLVED, "closed"], to: null, by: ["reporter"], needs: [] },
} as const satisfies Record<string, CaseTransition>;

export type CaseAction = keyof typeof CASE_TRANSITIONS;
export const CASE_ACTIONS = Object.keys(CASE_TRANSITIONS) as CaseAction[];
export const STAFF_ACTIONS = CASE_ACTIONS.filter((a) => (CASE_TRANSITIONS[a].by as readonly CaseActor[]).includes("staff"));
export const REPORTER_ACTIONS = CASE_ACTIONS.filter((a) => (CASE_TRANSITIONS[a].by as readonly CaseActor[]).includes("reporter"));

/** Days after resolution during which the reporter may still reopen a case (the default). */
export const DEFAULT_REOPEN_WINDOW_DAYS = 30;

/** Steps only staff see: kept out of the public timeline, the reporter is not told. */
export const INTERNAL_ACTIONS: ReadonlySet<CaseAction> = new Set(["internal_note"]);

export function canTake(action: CaseAction, status: CaseStatus, by: CaseActor): boolean {
  const t: CaseTransition = CASE_TRANSITIONS[action];
  return t.from.includes(status) && t.by.includes(by);
}

/** The actions open to the reporter now; reopening also needs the window still open. */
export function reporterActions(status: CaseStatus, reopenOpenUntil: Date | null, now: Date): CaseAction[] {
  return REPORTER_ACTIONS.filter((a) => {
    if (!canTake(a, status, "reporter")) return false;
    if (a === "reopen") return reopenOpenUntil !== null && now <= reopenOpenUntil;
    return true;
  });
}
