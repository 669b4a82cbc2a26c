import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { toAppError } from "../../app-error";
import { DigitField } from "../components/digit-field";
import { Keypad } from "../components/keypad";
import { explain } from "../errors";
import { k, kdigits, knum, ktime } from "../i18n-kiosk";
import { finish, resendCode, verifyCode, visit } from "../session";

/** Seconds before another code may be asked for (the server's own wait, when it says). */
const RESEND_SECONDS = 30;

/** The six digits sent to the visitor's phone: tries left, and a new code once the wait is over. */
export function CodeScreen() {
  let input: HTMLInputElement | undefined;
  const [code, setCode] = createSignal("");
  const [attempts, setAttempts] = createSignal<number | null>(visit()?.attemptsLeft ?? null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [note, setNote] = createSignal<string | null>(null);
  const [dead, setDead] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [resendAt, setResendAt] = createSignal(Date.now() + RESEND_SECONDS * 1000);
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 500);
  onCleanup(() => clearInterval(timer));
  onMount(() => input?.focus({ preventScroll: true }));

  const waitLeft = () => Math.max(0, Math.ceil((resendAt() - now()) / 1000));

  async function submit(e?: SubmitEvent) {
    e?.preventDefault();
    setNote(null);
    if (code().length !== 6) {
      setProblem(k("code.short"));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await verifyCode(code());
    } catch (error) {
      const appError = toAppError(error);
      const issue = appError.issues.find((i) => i.path[0] === "code");
      if (issue?.code === "wrong_code") {
        const left = Math.max(0, (attempts() ?? 1) - 1);
        setAttempts(left);
        setProblem(k("code.wrong", { n: knum(left) }));
      } else if (issue) {
        setAttempts(0);
        setDead(true);
        setProblem(k("code.dead"));
      } else setProblem(explain(error));
      setCode("");
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setBusy(true);
    setProblem(null);
    setNote(null);
    try {
      const view = await resendCode();
      setAttempts(view.attemptsLeft);
      setDead(false);
      setCode("");
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
      setNote(k("code.resent"));
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "RATE_LIMITED") {
        const wait = appError.retryAfterSeconds ?? 0;
        if (wait > 0 && wait <= RESEND_SECONDS * 2) setResendAt(Date.now() + wait * 1000);
        else setProblem(k("code.tooMany"));
      } else setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen" data-screen="code" aria-labelledby="code-heading">
      <h1 id="code-heading" tabIndex={-1}>
        {k("code.heading")}
      </h1>
      <p class="lead">
        {k("code.intro")} <bdi dir="ltr">{kdigits(visit()?.phoneMasked ?? "")}</bdi>
      </p>
      <Show when={visit()?.codeExpiresAt}>{(at) => <p class="muted">{k("code.expires", { time: ktime(at()) })}</p>}</Show>
      <form class="stack" onSubmit={submit} novalidate>
        <DigitField
          id="code"
          label={k("code.label")}
          value={code()}
          max={6}
          active
          error={problem()}
          hint={attempts() === null ? null : k("code.attempts", { n: knum(attempts() ?? 0) })}
          onChange={(v) => {
            setProblem(null);
            setCode(v);
          }}
          ref={(el) => (input = el)}
        />
        <Keypad
          onDigit={(d) => setCode((c) => (c + d).slice(0, 6))}
          onDelete={() => setCode((c) => c.slice(0, -1))}
          onClear={() => setCode("")}
        />
        <Show when={note()}>
          <p class="notice" role="status">
            {note()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" class="secondary" disabled={busy() || waitLeft() > 0} onClick={() => void resend()}>
            {waitLeft() > 0 ? k("code.resendIn", { n: knum(waitLeft()) }) : k("code.resend")}
          </button>
          <button type="submit" class="primary" disabled={busy() || dead()}>
            {busy() ? k("common.working") : k("code.verify")}
          </button>
        </div>
        <button type="button" class="link" onClick={() => void finish("cancelled")}>
          {k("common.cancel")}
        </button>
      </form>
    </section>
  );
}
