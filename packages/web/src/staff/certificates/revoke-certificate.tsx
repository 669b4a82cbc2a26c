import { createSignal, createUniqueId, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { FieldError } from "../../components/field-error";
import { StaffErrorBox } from "../components/staff-error";
import { st } from "../i18n-staff";
import { revokeCertificate } from "../queries";
import { staffError } from "../staff-error";
import { myRole } from "./access";

const REVOKERS: ReadonlySet<string> = new Set(["branch_manager", "administrator"]);
const MIN_REASON = 3;

/**
 * A branch manager revokes a valid certificate: a button, a required reason, then a confirmation,
 * since a revocation is for good. Afterwards the application is reloaded so it shows "revoked".
 */
export function RevokeCertificate(props: { number: string; status: string; onRevoked: () => Promise<void> | void }) {
  const uid = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const [problem, setProblem] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [done, setDone] = createSignal<{ number: string; reason: string } | null>(null);

  const message = () =>
    error()?.code === "CONFLICT" ? st("revoke.conflict") : error()?.code === "FORBIDDEN" ? st("revoke.forbidden") : null;

  function review(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    if (reason().trim().length < MIN_REASON) {
      setProblem(true);
      document.getElementById(`${uid}-reason`)?.focus();
      return;
    }
    setProblem(false);
    setConfirming(true);
    queueMicrotask(() => document.getElementById(`${uid}-confirm`)?.focus());
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const verification = await revokeCertificate(props.number, reason().trim());
      setDone({ number: verification.number, reason: verification.revokedReason ?? reason().trim() });
      setOpen(false);
      setConfirming(false);
      setReason("");
      await props.onRevoked();
    } catch (err) {
      const e = staffError(err);
      setError(e);
      setConfirming(false);
      if (e.code === "CONFLICT") await props.onRevoked();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={REVOKERS.has(myRole() ?? "")}>
      <div class="revoke">
        <Show when={done()}>
          {(d) => (
            <p class="ok" role="status">
              {st("revoke.done", { number: d().number, reason: d().reason })}
            </p>
          )}
        </Show>
        <StaffErrorBox error={error()} message={message()} labels={{ reason: st("revoke.reason") }} />
        <Show when={props.status === "valid"}>
          <Show
            when={open()}
            fallback={
              <button type="button" class="danger" onClick={() => setOpen(true)}>
                {st("revoke.open")}
              </button>
            }
          >
            <section class="revoke-form" aria-labelledby={`${uid}-heading`}>
              <h4 id={`${uid}-heading`}>{st("revoke.heading")}</h4>
              <div hidden={confirming()}>
                <p class="muted">{st("revoke.intro")}</p>
                <form onSubmit={review} novalidate>
                  <label for={`${uid}-reason`}>{st("revoke.reason")}</label>
                  <textarea
                    id={`${uid}-reason`}
                    rows={3}
                    dir="auto"
                    maxLength={1000}
                    required
                    value={reason()}
                    onInput={(e) => setReason(e.currentTarget.value)}
                    aria-describedby={problem() ? `${uid}-hint ${uid}-error` : `${uid}-hint`}
                    aria-invalid={problem() ? "true" : undefined}
                  />
                  <p id={`${uid}-hint`} class="muted">
                    {st("revoke.reasonHint")}
                  </p>
                  <FieldError id={`${uid}-error`} message={problem() ? st("revoke.reasonNeeded") : null} />
                  <div class="row">
                    <button type="submit" class="danger">
                      {st("revoke.continue")}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => {
                        setOpen(false);
                        setProblem(false);
                      }}
                    >
                      {st("common.cancel")}
                    </button>
                  </div>
                </form>
              </div>
              <Show when={confirming()}>
                <div class="confirm-box" role="group" aria-labelledby={`${uid}-confirm-heading`}>
                  <h4 id={`${uid}-confirm-heading`}>{st("revoke.confirmHeading")}</h4>
                  <p class="final-warning">{st("revoke.confirmText", { number: props.number })}</p>
                  <p>
                    <b>{st("revoke.reason")}:</b>{" "}
                    <span dir="auto" class="prewrap">
                      {reason().trim()}
                    </span>
                  </p>
                  <div class="row">
                    <button type="button" id={`${uid}-confirm`} class="danger" disabled={busy()} onClick={() => void confirm()}>
                      {busy() ? st("revoke.busy") : st("revoke.confirm")}
                    </button>
                    <button type="button" class="secondary" disabled={busy()} onClick={() => setConfirming(false)}>
                      {st("revoke.back")}
                    </button>
                  </div>
                </div>
              </Show>
            </section>
          </Show>
        </Show>
      </div>
    </Show>
  );
}
