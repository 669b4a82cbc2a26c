import type { EvidenceFlag, ViolationAction } from "@baladiya/shared/field";
import { ft, type FieldKey } from "./i18n-field";

/*
 * What the violation screens need of VIOLATION_LIFECYCLE, copied as plain data: a value from
 * @baladiya/shared/field would put Zod in the bundle. The server's `actions` stay the last word.
 */

/** Steps that need a written reason (the lifecycle's `needs: ["reason"]`). */
export const REASON_ACTIONS: ReadonlySet<ViolationAction> = new Set<ViolationAction>(["cite", "refer", "cancel"]);
/** Steps that need a photo of what was found: taken on site from the field app, not from the back office. */
export const EVIDENCE_ACTIONS: ReadonlySet<ViolationAction> = new Set<ViolationAction>(["remedied", "not_remedied"]);
/** Steps after which nothing more happens to the violation. */
export const FINAL_ACTIONS: ReadonlySet<ViolationAction> = new Set<ViolationAction>(["close", "cancel"]);
/** Steps that need someone other than who recorded the violation or took its last step. */
export const SECOND_PERSON_ACTIONS: ReadonlySet<ViolationAction> = new Set<ViolationAction>(["close", "cancel"]);
/** The states a second person may close or cancel from (the lifecycle's `from` of close and cancel). */
export const SECOND_PERSON_STATES: ReadonlySet<string> = new Set(["recorded", "warned", "remedied", "referred"]);

const ACTION_KEYS = {
  warn: "action.warn",
  remedied: "action.remedied",
  not_remedied: "action.not_remedied",
  cite: "action.cite",
  refer: "action.refer",
  close: "action.close",
  cancel: "action.cancel",
} as const satisfies Record<ViolationAction, FieldKey>;

/** An action as the button says it. */
export const actionLabel = (action: ViolationAction): string => ft(ACTION_KEYS[action]);

const EVENT_KEYS: Record<string, FieldKey> = {
  record: "event.record",
  warn: "event.warn",
  deadline: "event.deadline",
  remedied: "event.remedied",
  not_remedied: "event.not_remedied",
  cite: "event.cite",
  refer: "event.refer",
  close: "event.close",
  cancel: "event.cancel",
};
/** A step of the history as done; the server also takes steps of its own ("record", "deadline"). */
export const eventLabel = (action: string): string | null => (EVENT_KEYS[action] ? ft(EVENT_KEYS[action]) : null);

export const FLAGS = ["far_from_site", "clock_disagrees", "poor_accuracy"] as const satisfies readonly EvidenceFlag[];

const KIND_KEYS: Record<string, FieldKey> = {
  photo: "kind.photo",
  case_action: "kind.case_action",
  violation: "kind.violation",
  violation_action: "kind.violation_action",
};
export const kindLabel = (kind: string | null): string => ft(KIND_KEYS[kind ?? ""] ?? "kind.unknown");

const CODE_KEYS: Record<string, FieldKey> = {
  hash_mismatch: "code.hash_mismatch",
  file_missing: "code.file_missing",
  bad_type: "code.bad_type",
  photo_missing: "code.photo_missing",
  photo_required: "code.photo_required",
  invalid: "code.invalid",
  invalid_state: "code.invalid_state",
  too_small: "code.too_small",
  FORBIDDEN: "code.FORBIDDEN",
  OUTSIDE_KUWAIT: "code.OUTSIDE_KUWAIT",
  NOT_FOUND: "code.NOT_FOUND",
  CONFLICT: "code.CONFLICT",
  VALIDATION: "code.VALIDATION",
  INTERNAL: "code.INTERNAL",
};
/** Why the server refused an item, in the reader's language, from its code (the server's message is English). */
export const refusalText = (code: string): string => ft(CODE_KEYS[code] ?? "code.other");

/** The shape of a violation number, as ViolationNumber checks it. */
export const VIOLATION_NUMBER = /^VL-[A-Z]{2}-\d{4}-\d{6}$/;
