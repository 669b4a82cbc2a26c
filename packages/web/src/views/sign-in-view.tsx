import { createSignal, onCleanup, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { FieldError, invalidProps } from "../components/field-error";
import { asciiDigits, normalisePhone } from "../digits";
import { fieldMessage } from "../field-errors";
import { kuwaitTime, locale, t } from "../i18n";
import { myReports } from "../my-reports";
import { claimCases, requestSignInCode, verifySignInCode } from "../queries";
import { setSession } from "../session";

/**
 * Sign-in without a password: a Kuwaiti phone number, then the six-digit code sent to it. Reports
 * kept on this device join the account as soon as the resident is in.
 */
export function SignInView(props: { onSignedIn: (message: string) => void }) {
  const [phone, setPhone] = createSignal("");
  const [code, setCode] = createSignal("");
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [expiresAt, setExpiresAt] = createSignal<string | null>(null);
  const [wait, setWait] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [phoneProblem, setPhoneProblem] = createSignal(false);
  const [codeProblem, setCodeProblem] = createSignal(false);
  let phoneField: HTMLInputElement | undefined;
  let codeField: HTMLInputElement | undefined;

  let timer: ReturnType<typeof setInterval> | undefined;
  const countDown = (seconds: number) => {
    clearInterval(timer);
    setWait(seconds);
    timer = setInterval(() => setWait((w) => (w <= 1 ? (clearInterval(timer), 0) : w - 1)), 1000);
  };
  onCleanup(() => clearInterval(timer));

  const phoneMessage = () => (phoneProblem() ? t("field.phone") : fieldMessage(error(), "phone"));
  const codeMessage = () => {
    if (codeProblem()) return t("field.code");
    return fieldMessage(error(), "code");
  };

  async function sendCode() {
    const number = normalisePhone(phone());
    setPhoneProblem(number === null);
    if (number === null) return phoneField?.focus();
    setBusy(true);
    setError(null);
    try {
      const result = await requestSignInCode({ phone: number, locale: locale() });
      setSentTo(number);
      setExpiresAt(result.expiresAt);
      setCode("");
      countDown(result.resendAfterSeconds);
      queueMicrotask(() => codeField?.focus());
    } catch (e) {
      setError(toAppError(e));
      phoneField?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    const number = sentTo();
    const typed = asciiDigits(code()).trim();
    setCodeProblem(!/^\d{6}$/.test(typed));
    if (!number || codeProblem()) return codeField?.focus();
    setBusy(true);
    setError(null);
    try {
      const result = await verifySignInCode({ phone: number, code: typed });
      setSession({ token: result.sessionToken, expiresAt: result.expiresAt, profile: result.profile });
      let claimed = 0;
      const kept = myReports().map((r) => ({ trackingNumber: r.trackingNumber, token: r.token }));
      if (kept.length > 0) {
        // Signing in must not fail because one old report could not be claimed.
        claimed = await claimCases({ cases: kept.slice(0, 100) }).then(
          (r) => r.claimed,
          () => 0,
        );
      }
      props.onSignedIn(claimed > 0 ? t("account.claimed", { n: claimed }) : t("account.signedIn"));
    } catch (e) {
      const appError = toAppError(e);
      // A wrong, used or expired code: said beside the code field, whatever the server's wording.
      const wrong = appError.code === "UNAUTHENTICATED" || appError.code === "NOT_FOUND";
      setError(wrong ? { ...appError, issues: [{ path: ["code"], message: "", code: "wrong_code" }] } : appError);
      codeField?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t("account.signIn")}</h2>
      <p class="muted">{t("account.intro")}</p>
      <Show
        when={sentTo()}
        fallback={
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void sendCode();
            }}
          >
            <label for="sign-in-phone">{t("contact.phone")}</label>
            <input
              id="sign-in-phone"
              ref={phoneField}
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              dir="ltr"
              placeholder="+965 9xxxxxxx"
              value={phone()}
              {...invalidProps("sign-in-phone-error", phoneMessage())}
              onInput={(e) => {
                setPhone(e.currentTarget.value);
                setPhoneProblem(false);
              }}
            />
            <FieldError id="sign-in-phone-error" message={phoneMessage()} />
            <ErrorBox error={error()} fields={["phone"]} />
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? t("submit.sending") : t("account.sendCode")}
            </button>
          </form>
        }
      >
        {(number) => (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void verify();
            }}
          >
            <p role="status">
              {t("account.codeSent")} <bdi dir="ltr">{number()}</bdi>
              <Show when={expiresAt()}>{(at) => <> {t("account.codeExpires", { time: kuwaitTime(at()) })}</>}</Show>
            </p>
            <label for="sign-in-code">{t("account.code")}</label>
            <input
              id="sign-in-code"
              ref={codeField}
              class="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              dir="ltr"
              maxLength={6}
              value={code()}
              {...invalidProps("sign-in-code-error", codeMessage())}
              onInput={(e) => {
                setCode(e.currentTarget.value);
                setCodeProblem(false);
              }}
            />
            <FieldError id="sign-in-code-error" message={codeMessage()} />
            <ErrorBox error={error()} fields={["code"]} />
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? t("common.loading") : t("account.verify")}
            </button>
            <div class="row buttons">
              <button type="button" class="secondary" disabled={busy() || wait() > 0} onClick={() => void sendCode()}>
                {wait() > 0 ? t("account.resendIn", { s: wait() }) : t("account.resend")}
              </button>
              <button
                type="button"
                class="link"
                onClick={() => {
                  setSentTo(null);
                  setError(null);
                  queueMicrotask(() => phoneField?.focus());
                }}
              >
                {t("account.changePhone")}
              </button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}
