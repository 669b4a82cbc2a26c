import { createSignal, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { asciiDigits } from "../../digits";
import { FieldError, invalidProps } from "../../components/field-error";
import { minutes, st } from "../i18n-staff";
import { signIn } from "../queries";
import { setStaffSession } from "../session";
import { sessionEnded, setSessionEnded, staffError } from "../staff-error";
import { StaffErrorBox } from "../components/staff-error";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mail, password and the authenticator's 6-digit code; wrong tries, lock-out and rate limits are told apart. */
export function SignInView() {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [code, setCode] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [problems, setProblems] = createSignal<{ email?: string; password?: string; code?: string }>({});

  const message = (e: AppError): string | null => {
    // The server says how long the lock or the limit lasts; shown in whole minutes, rounded up.
    const wait = e.retryAfterSeconds ? minutes(Math.max(1, Math.ceil(e.retryAfterSeconds / 60))) : null;
    if (e.issues.some((i) => i.code === "locked")) return wait ? st("signIn.lockedFor", { wait }) : st("signIn.locked");
    if (e.code === "UNAUTHENTICATED") return st("signIn.wrong");
    if (e.code === "RATE_LIMITED") return wait ? st("signIn.rateLimitedFor", { wait }) : st("signIn.rateLimited");
    return null;
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const digits = asciiDigits(code()).replace(/\s/g, "");
    const found = {
      ...(EMAIL.test(email().trim()) ? {} : { email: st("signIn.emailFormat") }),
      ...(password() ? {} : { password: st("signIn.passwordEmpty") }),
      ...(/^\d{6}$/.test(digits) ? {} : { code: st("signIn.codeFormat") }),
    };
    setProblems(found);
    setError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`staff-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await signIn({ email: email().trim(), password: password(), code: digits });
      setSessionEnded(false);
      setStaffSession({ token: result.sessionToken, expiresAt: result.expiresAt, me: result.me });
    } catch (err) {
      setError(staffError(err));
      setCode("");
      document.getElementById("staff-code")?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel sign-in" aria-labelledby="staff-sign-in-heading">
      <h2 id="staff-sign-in-heading">{st("signIn.heading")}</h2>
      <Show when={sessionEnded()}>
        <p class="notice" role="status">
          {st("signIn.expired")}
        </p>
      </Show>
      <p class="muted">{st("signIn.intro")}</p>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <label for="staff-email">{st("signIn.email")}</label>
        <input
          id="staff-email"
          type="email"
          dir="ltr"
          autocomplete="username"
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
          {...invalidProps("staff-email-error", problems().email ?? null)}
        />
        <FieldError id="staff-email-error" message={problems().email ?? null} />
        <label for="staff-password">{st("signIn.password")}</label>
        <input
          id="staff-password"
          type="password"
          dir="ltr"
          autocomplete="current-password"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          {...invalidProps("staff-password-error", problems().password ?? null)}
        />
        <FieldError id="staff-password-error" message={problems().password ?? null} />
        <label for="staff-code">{st("signIn.code")}</label>
        <input
          id="staff-code"
          inputmode="numeric"
          dir="ltr"
          autocomplete="one-time-code"
          maxLength={8}
          aria-describedby={problems().code ? "staff-code-hint staff-code-error" : "staff-code-hint"}
          aria-invalid={problems().code ? "true" : undefined}
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <p id="staff-code-hint" class="muted">
          {st("signIn.codeHint")}
        </p>
        <FieldError id="staff-code-error" message={problems().code ?? null} />
        <StaffErrorBox error={error()} message={error() ? message(error()!) : null} />
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? st("signIn.busy") : st("signIn.submit")}
        </button>
      </form>
    </section>
  );
}
