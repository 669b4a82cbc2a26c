import { createSignal, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { fieldMessage } from "../field-errors";
import { kuwaitTime, t } from "../i18n";
import { reopenCase, type CaseView } from "../queries";
import type { CaseRef } from "./case-actions";
import { ErrorBox } from "./error-box";
import { FieldError, invalidProps } from "./field-error";

/** Mirrors ReopenCaseInput: a reason of 3 to 2,000 characters, shown on the public timeline. */
const REASON_MIN = 3;
const REASON_MAX = 2000;

/** "It is not fixed": the resident reopens the case with a reason, within the reopening window. */
export function ReopenForm(props: {
  caseRef: CaseRef;
  reopenUntil: string | null;
  onDone: (view: CaseView, message: string) => void;
}) {
  const [reason, setReason] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [tooShort, setTooShort] = createSignal(false);
  let field: HTMLTextAreaElement | undefined;

  const message = () => (tooShort() ? t("reopen.needReason", { min: REASON_MIN }) : fieldMessage(error(), "reason"));

  async function send() {
    if (reason().trim().length < REASON_MIN) {
      setTooShort(true);
      field?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const view = await reopenCase({ ...props.caseRef, reason: reason().trim() });
      setReason("");
      props.onDone(view, t("reopen.sent"));
    } catch (e) {
      setError(toAppError(e));
      field?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="action"
      noValidate
      aria-labelledby="reopen-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="reopen-heading">{t("reopen.heading")}</h4>
      <Show when={props.reopenUntil}>
        {(until) => (
          <p class="muted">
            {t("reopen.until")} <time datetime={until()}>{kuwaitTime(until())}</time>
          </p>
        )}
      </Show>
      <label for="reopen-reason">
        {t("reopen.reason")} <span class="required">({t("common.required")})</span>
      </label>
      <textarea
        id="reopen-reason"
        ref={field}
        rows={3}
        maxLength={REASON_MAX}
        required
        value={reason()}
        {...invalidProps("reopen-reason-error", message())}
        onInput={(e) => {
          setReason(e.currentTarget.value);
          setTooShort(false);
        }}
      />
      <FieldError id="reopen-reason-error" message={message()} />
      <ErrorBox error={error()} fields={["reason"]} />
      <button type="submit" class="secondary" disabled={busy()}>
        {busy() ? t("submit.sending") : t("reopen.send")}
      </button>
    </form>
  );
}
