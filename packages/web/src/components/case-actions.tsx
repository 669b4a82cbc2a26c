import { createSignal, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { kuwaitTime, t } from "../i18n";
import { confirmFixed, type CaseView } from "../queries";
import { AddInfoForm } from "./add-info-form";
import { ErrorBox } from "./error-box";
import { RateForm, scoreLabel } from "./rate-form";
import { ReopenForm } from "./reopen-form";

/** How the reporter holds a case: its number and the secret token (none needed when signed in). */
export interface CaseRef {
  trackingNumber: string;
  token?: string;
}

/**
 * What the reporter may do next, exactly the server's `allowedActions`: add information, confirm
 * the fix, reopen with a reason, rate the outcome. Results are announced in a live region.
 */
export function CaseActions(props: { view: CaseView; caseRef: CaseRef; onChanged: (view: CaseView) => void }) {
  const [announcement, setAnnouncement] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const [confirmError, setConfirmError] = createSignal<AppError | null>(null);
  const allowed = (action: CaseView["allowedActions"][number]) => props.view.allowedActions.includes(action);

  const done = (view: CaseView, message: string) => {
    setAnnouncement(message);
    props.onChanged(view);
  };

  async function confirm() {
    setConfirming(true);
    setConfirmError(null);
    try {
      done(await confirmFixed(props.caseRef), t("confirm.sent"));
    } catch (e) {
      setConfirmError(toAppError(e));
    } finally {
      setConfirming(false);
    }
  }

  return (
    <section class="actions" aria-labelledby="actions-heading">
      <h3 id="actions-heading">{t("actions.heading")}</h3>
      <p class="announce" role="status">
        {announcement()}
      </p>
      <Show when={props.view.rating}>
        {(rating) => (
          <p class="rating">
            {t("rate.yours", { score: rating().score, label: scoreLabel(rating().score) })}
            <Show when={rating().comment}>
              {" — "}
              <q dir="auto">{rating().comment}</q>
            </Show>{" "}
            <small class="muted">
              <time datetime={rating().at}>{kuwaitTime(rating().at)}</time>
            </small>
          </p>
        )}
      </Show>
      <Show when={allowed("confirm_fixed")}>
        <div class="action confirm">
          <h4>{t("confirm.heading")}</h4>
          <p>{t("confirm.text")}</p>
          <ErrorBox error={confirmError()} />
          <button type="button" disabled={confirming()} onClick={() => void confirm()}>
            {confirming() ? t("submit.sending") : t("confirm.button")}
          </button>
        </div>
      </Show>
      <Show when={allowed("reopen")}>
        <ReopenForm caseRef={props.caseRef} reopenUntil={props.view.reopenUntil} onDone={done} />
      </Show>
      <Show when={allowed("rate")}>
        <RateForm caseRef={props.caseRef} onDone={done} />
      </Show>
      <Show when={allowed("add_info")}>
        <AddInfoForm caseRef={props.caseRef} onDone={done} />
      </Show>
      <Show when={props.view.allowedActions.length === 0}>
        <p class="muted">{t("actions.none")}</p>
      </Show>
    </section>
  );
}
