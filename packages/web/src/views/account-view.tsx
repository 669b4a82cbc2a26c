import { createSignal, onMount, Show } from "solid-js";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { FieldError, invalidProps } from "../components/field-error";
import { asciiDigits } from "../digits";
import { fieldMessage } from "../field-errors";
import { t } from "../i18n";
import { getMyProfile, signOut, updateMyProfile } from "../queries";
import { linkHandler } from "../router";
import { session, setProfile, setSession } from "../session";
import { SignInView } from "./sign-in-view";

/** Sign in, or — once in — the resident's profile (optional name and Civil ID) and sign out. */
export function AccountView() {
  const [message, setMessage] = createSignal("");
  return (
    <>
      <p class="visually-hidden" role="status">
        {message()}
      </p>
      <Show when={session()} fallback={<SignInView onSignedIn={setMessage} />}>
        <ProfileView message={message()} onSignedOut={() => setMessage(t("account.signedOut"))} />
      </Show>
    </>
  );
}

function ProfileView(props: { message: string; onSignedOut: () => void }) {
  const profile = () => session()?.profile;
  const [name, setName] = createSignal(profile()?.name ?? "");
  const [civilId, setCivilId] = createSignal("");
  const [civilIdProblem, setCivilIdProblem] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [saved, setSaved] = createSignal("");
  let civilIdField: HTMLInputElement | undefined;

  const civilIdMessage = () => (civilIdProblem() ? t("field.civilId") : fieldMessage(error(), "civilId"));
  const nameMessage = () => fieldMessage(error(), "name");

  // The session may have ended elsewhere (signed out on another device, expired): say so plainly.
  onMount(() => {
    getMyProfile().then(
      (fresh) => {
        setProfile(fresh);
        if (!name()) setName(fresh.name ?? "");
      },
      (e: unknown) => {
        if (toAppError(e).code === "UNAUTHENTICATED") setSession(null);
      },
    );
  });

  async function save(removeCivilId = false) {
    const id = asciiDigits(civilId()).replace(/\s/g, "");
    if (!removeCivilId && id && !isValidCivilId(id)) {
      setCivilIdProblem(true);
      return civilIdField?.focus();
    }
    setBusy(true);
    setError(null);
    setSaved("");
    try {
      const next = await updateMyProfile({
        name: name().trim() || null,
        ...(removeCivilId ? { civilId: null } : id ? { civilId: id } : {}),
      });
      setProfile(next);
      setCivilId("");
      setSaved(removeCivilId ? t("profile.civilIdRemoved") : t("profile.saved"));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    setBusy(true);
    // Forget the session here even when the server cannot be reached; it expires there on its own.
    await signOut().catch(() => undefined);
    setSession(null);
    setBusy(false);
    props.onSignedOut();
  }

  return (
    <section class="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("profile.heading")}</h2>
      <Show when={props.message}>
        <p class="notice">{props.message}</p>
      </Show>
      <p>
        {t("profile.signedInAs")} <bdi dir="ltr">{profile()?.phone}</bdi>
      </p>
      <p>
        <a href="/mine" onClick={linkHandler({ name: "mine" })}>
          {t("profile.myReports")}
        </a>
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label for="profile-name">
          {t("contact.name")} <span class="muted">({t("common.optional")})</span>
        </label>
        <input
          id="profile-name"
          autocomplete="name"
          maxLength={120}
          value={name()}
          {...invalidProps("profile-name-error", nameMessage())}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <FieldError id="profile-name-error" message={nameMessage()} />
        <label for="profile-civil-id">
          {t("profile.civilId")} <span class="muted">({t("common.optional")})</span>
        </label>
        <p id="profile-civil-id-hint" class="muted">
          {profile()?.civilIdLast4
            ? t("profile.civilIdKept", { last4: profile()?.civilIdLast4 ?? "" })
            : t("profile.civilIdHint")}
        </p>
        <input
          id="profile-civil-id"
          ref={civilIdField}
          inputmode="numeric"
          autocomplete="off"
          dir="ltr"
          maxLength={14}
          value={civilId()}
          aria-invalid={civilIdMessage() ? "true" : undefined}
          aria-describedby={civilIdMessage() ? "profile-civil-id-error profile-civil-id-hint" : "profile-civil-id-hint"}
          onInput={(e) => {
            setCivilId(e.currentTarget.value);
            setCivilIdProblem(false);
          }}
        />
        <FieldError id="profile-civil-id-error" message={civilIdMessage()} />
        <ErrorBox error={error()} fields={["name", "civilId"]} />
        <p class="notice" role="status">
          {saved()}
        </p>
        <div class="row buttons">
          <button type="submit" disabled={busy()}>
            {t("profile.save")}
          </button>
          <Show when={profile()?.civilIdLast4}>
            <button type="button" class="secondary" disabled={busy()} onClick={() => void save(true)}>
              {t("profile.removeCivilId")}
            </button>
          </Show>
        </div>
      </form>
      <h3>{t("account.signOutHeading")}</h3>
      <p class="muted">{t("account.signOutHint")}</p>
      <button type="button" class="secondary" disabled={busy()} onClick={() => void leave()}>
        {t("account.signOut")}
      </button>
    </section>
  );
}
