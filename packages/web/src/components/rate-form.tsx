import { createSignal, For } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { fieldMessage } from "../field-errors";
import { t, type MessageKey } from "../i18n";
import { rateCase, type CaseView } from "../queries";
import type { CaseRef } from "./case-actions";
import { ErrorBox } from "./error-box";
import { FieldError, invalidProps } from "./field-error";

/** Mirrors RateCaseInput's comment limit. */
const COMMENT_MAX = 1000;
const SCORES = [1, 2, 3, 4, 5] as const;
export const scoreLabel = (score: number): string => t(`rate.score${score}` as MessageKey);

/** How satisfied the resident is with the outcome, 1 to 5, with an optional comment. */
export function RateForm(props: { caseRef: CaseRef; onDone: (view: CaseView, message: string) => void }) {
  const [score, setScore] = createSignal<number | null>(null);
  const [comment, setComment] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [missing, setMissing] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  let first: HTMLInputElement | undefined;

  const scoreMessage = () => (missing() ? t("rate.needScore") : fieldMessage(error(), "score"));
  const commentMessage = () => fieldMessage(error(), "comment");

  async function send() {
    const chosen = score();
    if (chosen === null) {
      setMissing(true);
      first?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const text = comment().trim();
      const view = await rateCase({ ...props.caseRef, score: chosen, ...(text && { comment: text }) });
      props.onDone(view, t("rate.sent"));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="action"
      noValidate
      aria-labelledby="rate-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="rate-heading">{t("rate.heading")}</h4>
      <fieldset class="scores" {...invalidProps("rate-score-error", scoreMessage())}>
        <legend>{t("rate.legend")}</legend>
        <For each={SCORES}>
          {(n) => (
            <label class="inline score">
              <input
                type="radio"
                name="rate-score"
                value={n}
                ref={(el) => {
                  if (n === 1) first = el;
                }}
                checked={score() === n}
                onChange={() => {
                  setScore(n);
                  setMissing(false);
                }}
              />
              <span>
                <b>{n}</b> {scoreLabel(n)}
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <FieldError id="rate-score-error" message={scoreMessage()} />
      <label for="rate-comment">{t("rate.comment")}</label>
      <textarea
        id="rate-comment"
        rows={2}
        maxLength={COMMENT_MAX}
        value={comment()}
        {...invalidProps("rate-comment-error", commentMessage())}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <FieldError id="rate-comment-error" message={commentMessage()} />
      <ErrorBox error={error()} fields={["score", "comment"]} />
      <button type="submit" class="secondary" disabled={busy()}>
        {busy() ? t("submit.sending") : t("rate.send")}
      </button>
    </form>
  );
}
