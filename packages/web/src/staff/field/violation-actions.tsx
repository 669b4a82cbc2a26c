import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from "solid-js";
import type { ViolationAction } from "@baladiya/shared/field";
import type { AppError } from "../../app-error";
import { FieldError } from "../../components/field-error";
import { asciiDigits } from "../../digits";
import { StaffErrorBox } from "../components/staff-error";
import { ft, type FieldKey } from "./i18n-field";
import {
  actionLabel,
  EVIDENCE_ACTIONS,
  FINAL_ACTIONS,
  REASON_ACTIONS,
  SECOND_PERSON_ACTIONS,
  SECOND_PERSON_STATES,
} from "./labels";
import { actOnViolation, type Violation, type ViolationStepInput } from "./queries";
import { staffError } from "../staff-error";

const ISSUE_LABELS = (): Record<string, string> => ({ note: ft("act.reason"), deadlineDays: ft("act.days") });

/**
 * The steps open to this supervisor now (the server's `actions`, less those that need a photo from
 * the site), each with what it needs — a reason, a deadline — then a confirmation. Sent with the
 * violation's `updatedAt` as seen, so a step on a stale panel is refused, never applied twice.
 */
export function ViolationActions(props: { view: Violation; onDone: (view: Violation) => void; onReload: () => void }) {
  const uid = createUniqueId();
  const actions = createMemo(() => props.view.actions.filter((a) => !EVIDENCE_ACTIONS.has(a)));
  const fieldOnly = () => props.view.actions.some((a) => EVIDENCE_ACTIONS.has(a));
  // Close or cancel would apply in this state, yet the server left them out: this person recorded or last acted.
  const barred = () =>
    SECOND_PERSON_STATES.has(props.view.state) && !props.view.actions.some((a) => SECOND_PERSON_ACTIONS.has(a));
  const [chosen, setChosen] = createSignal<ViolationAction | null>(null);
  const action = createMemo(() => {
    const c = chosen();
    if (c && actions().includes(c)) return c;
    return actions().length === 1 ? actions()[0]! : null;
  });
  const [note, setNote] = createSignal("");
  const [days, setDays] = createSignal("");
  const [problem, setProblem] = createSignal<{ field: "note" | "days"; key: FieldKey } | null>(null);
  const [pending, setPending] = createSignal<ViolationStepInput | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [done, setDone] = createSignal<ViolationAction | null>(null);

  // Another step moved the violation: whatever was being confirmed no longer applies.
  createEffect(
    on(
      () => props.view.updatedAt,
      () => {
        setPending(null);
        setChosen(null);
      },
      { defer: true },
    ),
  );

  const problemText = (field: "note" | "days") => (problem()?.field === field ? ft(problem()!.key) : null);
  const needsReason = () => REASON_ACTIONS.has(action() ?? "close");
  const conflict = () => error()?.code === "CONFLICT";
  const errorMessage = () => (error()?.code === "FORBIDDEN" ? ft("act.forbidden") : conflict() ? ft("act.conflict") : null);

  function review(e: SubmitEvent) {
    e.preventDefault();
    const a = action();
    if (!a) return;
    setDone(null);
    setError(null);
    setProblem(null);
    const text = note().trim();
    if (needsReason() && !text) {
      setProblem({ field: "note", key: "act.reasonNeeded" });
      document.getElementById(`${uid}-note`)?.focus();
      return;
    }
    const d = asciiDigits(days()).trim();
    if (a === "warn" && d && !(/^\d{1,3}$/.test(d) && Number(d) >= 1 && Number(d) <= 180)) {
      setProblem({ field: "days", key: "act.daysInvalid" });
      document.getElementById(`${uid}-days`)?.focus();
      return;
    }
    setPending({
      number: props.view.number,
      action: a,
      baseUpdatedAt: props.view.updatedAt,
      ...(text ? { note: text } : {}),
      ...(a === "warn" && d ? { deadlineDays: Number(d) } : {}),
    });
    queueMicrotask(() => document.getElementById(`${uid}-confirm`)?.focus());
  }

  async function confirm() {
    const p = pending();
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      const view = await actOnViolation(p);
      setDone(p.action);
      setNote("");
      setDays("");
      setPending(null);
      setChosen(null);
      props.onDone(view);
    } catch (err) {
      setError(staffError(err));
      setPending(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="actions-panel violation-actions" aria-labelledby={`${uid}-heading`}>
      <h3 id={`${uid}-heading`}>{ft("act.heading")}</h3>
      <Show when={done()}>
        {(a) => (
          <p class="ok" role="status">
            {ft("act.done", { action: actionLabel(a()) })}
          </p>
        )}
      </Show>
      <StaffErrorBox error={error()} message={errorMessage()} labels={ISSUE_LABELS()} />
      <Show when={conflict()}>
        <button type="button" class="secondary" onClick={() => props.onReload()}>
          {ft("violation.reload")}
        </button>
      </Show>
      <Show when={barred()}>
        <div class="barred" role="note">
          <p>{ft("act.secondPerson")}</p>
        </div>
      </Show>
      <Show when={actions().length > 0} fallback={<p class="muted">{ft("act.none")}</p>}>
        <div hidden={pending() !== null}>
          <Show when={actions().length > 1}>
            <fieldset>
              <legend>{ft("act.choose")}</legend>
              <div class="decision-choices">
                <For each={actions()}>
                  {(a) => (
                    <label class="inline choice" classList={{ selected: action() === a, final: FINAL_ACTIONS.has(a) }}>
                      <input
                        type="radio"
                        name={`${uid}-action`}
                        value={a}
                        checked={action() === a}
                        onChange={() => {
                          setChosen(a);
                          setProblem(null);
                        }}
                      />
                      {actionLabel(a)}
                    </label>
                  )}
                </For>
              </div>
            </fieldset>
          </Show>
          <Show when={action()}>
            {(a) => (
              <form onSubmit={review} novalidate>
                <Show when={a() === "warn"}>
                  <label for={`${uid}-days`}>{ft("act.days")}</label>
                  <input
                    id={`${uid}-days`}
                    inputMode="numeric"
                    dir="ltr"
                    maxLength={3}
                    value={days()}
                    onInput={(e) => setDays(e.currentTarget.value)}
                    aria-describedby={problem()?.field === "days" ? `${uid}-days-hint ${uid}-days-error` : `${uid}-days-hint`}
                    aria-invalid={problem()?.field === "days" ? "true" : undefined}
                  />
                  <p id={`${uid}-days-hint`} class="muted">
                    {ft("act.daysHint")}
                  </p>
                  <FieldError id={`${uid}-days-error`} message={problemText("days")} />
                </Show>
                <label for={`${uid}-note`}>{needsReason() ? ft("act.reason") : ft("act.note")}</label>
                <textarea
                  id={`${uid}-note`}
                  rows={3}
                  dir="auto"
                  maxLength={2000}
                  value={note()}
                  onInput={(e) => setNote(e.currentTarget.value)}
                  aria-describedby={problem()?.field === "note" ? `${uid}-note-hint ${uid}-note-error` : `${uid}-note-hint`}
                  aria-invalid={problem()?.field === "note" ? "true" : undefined}
                />
                <p id={`${uid}-note-hint`} class="muted">
                  {ft("act.reasonHint")}
                </p>
                <FieldError id={`${uid}-note-error`} message={problemText("note")} />
                <button type="submit" classList={{ danger: a() === "cancel" }}>
                  {ft("act.continue", { action: actionLabel(a()) })}
                </button>
              </form>
            )}
          </Show>
        </div>
        <Show when={pending()}>
          {(p) => (
            <div class="confirm-box" role="group" aria-labelledby={`${uid}-confirm-heading`}>
              <h4 id={`${uid}-confirm-heading`}>{ft("act.confirmHeading")}</h4>
              <p>{ft("act.confirmText", { action: actionLabel(p().action) })}</p>
              <Show when={FINAL_ACTIONS.has(p().action)}>
                <p class="final-warning">{ft("act.final")}</p>
              </Show>
              <Show when={p().note}>
                {(n) => (
                  <p>
                    <b>{needsReason() ? ft("act.reason") : ft("events.note")}</b>{" "}
                    <span dir="auto" class="prewrap">
                      {n()}
                    </span>
                  </p>
                )}
              </Show>
              <div class="row">
                <button type="button" id={`${uid}-confirm`} disabled={busy()} onClick={() => void confirm()}>
                  {busy() ? ft("act.busy") : ft("act.confirm")}
                </button>
                <button type="button" class="secondary" disabled={busy()} onClick={() => setPending(null)}>
                  {ft("act.back")}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Show>
      <Show when={fieldOnly()}>
        <p class="muted">{ft("act.fieldOnly")}</p>
      </Show>
    </section>
  );
}
