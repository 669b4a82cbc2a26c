import { createEffect, createMemo, createResource, createSignal, createUniqueId, For, on, Show } from "solid-js";
import type { CertificateAction, CertificateDecisionInput, PropertyDescription } from "@baladiya/shared/certificate";
import type { AppError } from "../../app-error";
import { FieldError, invalidProps } from "../../components/field-error";
import { tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { num, st } from "../i18n-staff";
import { staffError } from "../staff-error";
import { DescriptionForm } from "./description-form";
import { ct, type CertKey } from "./i18n-certificates";
import { ACTION_LABELS, FINAL_ACTIONS, REASON_ACTIONS } from "./labels";
import { decide, listInspectors, type Application } from "./queries";

const actionLabel = (a: CertificateAction) => tx(ACTION_LABELS[a]);
const STAGES = new Set(["branch", "inspection", "survey", "registration"]);
const stageName = (stage: string) => ct(`stageName.${stage}` as CertKey);
const STATE_STAGE: Record<string, string> = {
  intake: "branch",
  inspection: "inspection",
  survey_audit: "survey",
  registration: "registration",
};

/**
 * The server explains a separation-of-duties bar in English ("You acted on this application at the
 * inspection stage (submit description); the survey stage must be someone else"): told again here
 * in the employee's language, from the stage and action it names.
 */
export function barredText(barred: string, state: string): string {
  const m = /at the (\w+) stage \(([a-z ]+)\)/.exec(barred);
  const action = m?.[2]?.replace(/ /g, "_") as CertificateAction | undefined;
  const current = STATE_STAGE[state];
  if (!m || !STAGES.has(m[1]!) || !action || !(action in ACTION_LABELS) || !current) return ct("barred.generic");
  return ct("barred.text", { stage: stageName(m[1]!), action: actionLabel(action), current: stageName(current) });
}

/** Field labels for the issues a refused decision names. */
const ISSUE_LABELS = (): Record<string, string> => ({
  reason: ct("act.reason"),
  assigneeId: ct("act.inspector"),
  landAreaM2: ct("desc.land"),
  builtAreaM2: ct("desc.built"),
  floors: ct("desc.floors"),
  units: ct("desc.units"),
  use: ct("desc.use"),
  licenceNote: ct("desc.licenceNote"),
  "documents.photo": ct("desc.photos"),
});

interface Pending {
  input: CertificateDecisionInput;
  photos: Blob[];
}

/**
 * The decisions open to this employee now (the server's `actions`): each with what it needs — a
 * reason, an inspector, the description — then a confirmation, since a signed decision stays.
 * Sent with the step count shown, so a decision on a stale page is refused, never applied twice.
 */
export function DecisionPanel(props: { view: Application; onDone: (view: Application) => void; onReload: () => void }) {
  const uid = createUniqueId();
  const actions = () => props.view.actions;
  const [chosen, setChosen] = createSignal<CertificateAction | null>(null);
  // One decision open (the inspector's description): no choice to make first.
  const action = createMemo(() => {
    const c = chosen();
    if (c && actions().includes(c)) return c;
    return actions().length === 1 ? actions()[0]! : null;
  });
  const [reason, setReason] = createSignal("");
  const [assignee, setAssignee] = createSignal("");
  const [problem, setProblem] = createSignal<{ field: "reason" | "assignee"; text: string } | null>(null);
  const [pending, setPending] = createSignal<Pending | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [inspectors] = createResource(
    () => (action() === "reassign" ? props.view.number : null),
    (number) => listInspectors(number),
  );

  // Another step moved the application: whatever was being confirmed no longer applies.
  createEffect(
    on(
      () => props.view.stepCount,
      () => {
        setPending(null);
        setChosen(null);
        setError(null);
      },
      { defer: true },
    ),
  );

  const needsReason = () => REASON_ACTIONS.has(action() ?? "accept_documents");
  const conflict = () => error()?.code === "CONFLICT";
  const separation = () => error()?.code === "FORBIDDEN" && /separation of duties/i.test(error()?.detail ?? "");
  const errorMessage = () =>
    conflict() ? ct("act.conflict") : separation() ? barredText(error()?.detail ?? "", props.view.state) : null;

  function review(e?: SubmitEvent, description?: PropertyDescription, photos: Blob[] = []) {
    e?.preventDefault();
    const a = action();
    if (!a) return;
    setDone(null);
    setError(null);
    setProblem(null);
    if (a === "reassign" && !assignee()) {
      setProblem({ field: "assignee", text: ct("act.inspectorNeeded") });
      document.getElementById(`${uid}-assignee`)?.focus();
      return;
    }
    if (needsReason() && !reason().trim()) {
      setProblem({ field: "reason", text: ct("act.reasonNeeded") });
      document.getElementById(`${uid}-reason`)?.focus();
      return;
    }
    setPending({
      input: {
        number: props.view.number,
        action: a,
        expectedStep: props.view.stepCount,
        ...(needsReason() ? { reason: reason().trim() } : {}),
        ...(a === "reassign" ? { assigneeId: assignee() } : {}),
        ...(description ? { description } : {}),
      },
      photos,
    });
    queueMicrotask(() => document.getElementById(`${uid}-confirm`)?.focus());
  }

  async function confirm() {
    const p = pending();
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      const view = await decide(p.input, p.photos);
      setDone(actionLabel(p.input.action));
      setReason("");
      setAssignee("");
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
    <section class="actions-panel decision-panel" aria-labelledby={`${uid}-heading`}>
      <h3 id={`${uid}-heading`}>{ct("act.heading")}</h3>
      <Show when={done()}>
        {(label) => (
          <p class="ok" role="status">
            {ct("act.done", { action: label() })}
          </p>
        )}
      </Show>
      <Show when={props.view.barred}>
        {(barred) => (
          <div class="barred" role="note">
            <strong>{ct("barred.heading")}</strong>
            <p>{barredText(barred(), props.view.state)}</p>
          </div>
        )}
      </Show>
      <StaffErrorBox error={error()} message={errorMessage()} labels={ISSUE_LABELS()} />
      <Show when={conflict()}>
        <button type="button" class="secondary" onClick={() => props.onReload()}>
          {ct("detail.reload")}
        </button>
      </Show>
      <Show
        when={actions().length > 0}
        fallback={
          <Show when={!props.view.barred}>
            <p class="muted">{ct("act.none")}</p>
          </Show>
        }
      >
        <div hidden={pending() !== null}>
          <Show when={actions().length > 1}>
            <fieldset>
              <legend>{ct("act.choose")}</legend>
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
          <Show when={action() === "submit_description"}>
            <DescriptionForm
              initial={props.view.description}
              hasPhotos={props.view.documents.some((d) => d.kind === "violation_photo")}
              actionLabel={actionLabel("submit_description")}
              busy={busy()}
              onValid={(description, photos) => review(undefined, description, photos)}
            />
          </Show>
          <Show when={action() && action() !== "submit_description"}>
            <form onSubmit={(e) => review(e)} novalidate>
              <Show when={action() === "reassign"}>
                <label for={`${uid}-assignee`}>{ct("act.inspector")}</label>
                <select
                  id={`${uid}-assignee`}
                  value={assignee()}
                  disabled={inspectors.loading}
                  onChange={(e) => setAssignee(e.currentTarget.value)}
                  {...invalidProps(`${uid}-assignee-error`, problem()?.field === "assignee" ? problem()!.text : null)}
                >
                  <option value="">{inspectors.loading ? st("common.loading") : ct("act.chooseInspector")}</option>
                  <For each={(inspectors() ?? []).filter((i) => i.id !== props.view.assignee?.id)}>
                    {(i) => (
                      <option value={i.id} selected={assignee() === i.id}>
                        {ct("act.inspectorLoad", { name: tx(i.name), n: num(i.openCount) })}
                      </option>
                    )}
                  </For>
                </select>
                <Show when={inspectors.state === "ready" && inspectors().every((i) => i.id === props.view.assignee?.id)}>
                  <p class="muted">{ct("act.noInspectors")}</p>
                </Show>
                <Show when={inspectors.state === "errored"}>
                  <StaffErrorBox error={staffError(inspectors.error)} />
                </Show>
                <FieldError id={`${uid}-assignee-error`} message={problem()?.field === "assignee" ? problem()!.text : null} />
              </Show>
              <Show when={needsReason()}>
                <label for={`${uid}-reason`}>{ct("act.reason")}</label>
                <textarea
                  id={`${uid}-reason`}
                  rows={3}
                  dir="auto"
                  maxLength={1000}
                  value={reason()}
                  onInput={(e) => setReason(e.currentTarget.value)}
                  aria-describedby={
                    problem()?.field === "reason" ? `${uid}-reason-hint ${uid}-reason-error` : `${uid}-reason-hint`
                  }
                  aria-invalid={problem()?.field === "reason" ? "true" : undefined}
                />
                <p id={`${uid}-reason-hint`} class="muted">
                  {ct("act.reasonHint")}
                </p>
                <FieldError id={`${uid}-reason-error`} message={problem()?.field === "reason" ? problem()!.text : null} />
              </Show>
              <button type="submit" classList={{ danger: FINAL_ACTIONS.has(action()!) && action() === "reject" }}>
                {ct("act.continue", { action: actionLabel(action()!) })}
              </button>
            </form>
          </Show>
        </div>
        <Show when={pending()}>
          {(p) => (
            <div class="confirm-box" role="group" aria-labelledby={`${uid}-confirm-heading`}>
              <h4 id={`${uid}-confirm-heading`}>{ct("act.confirmHeading")}</h4>
              <p>{ct("act.confirmText", { action: actionLabel(p().input.action) })}</p>
              <Show when={FINAL_ACTIONS.has(p().input.action)}>
                <p class="final-warning">{ct("act.final")}</p>
              </Show>
              <Show when={p().input.reason}>
                {(r) => (
                  <p>
                    <b>{ct("steps.reason")}</b>{" "}
                    <span dir="auto" class="prewrap">
                      {r()}
                    </span>
                  </p>
                )}
              </Show>
              <div class="row">
                <button type="button" id={`${uid}-confirm`} disabled={busy()} onClick={() => void confirm()}>
                  {busy() ? ct("act.busy") : ct("act.confirm")}
                </button>
                <button type="button" class="secondary" disabled={busy()} onClick={() => setPending(null)}>
                  {ct("act.back")}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
