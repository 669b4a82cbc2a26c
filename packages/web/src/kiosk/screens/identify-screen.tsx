import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import { createSignal } from "solid-js";
import { toAppError } from "../../app-error";
import { DigitField } from "../components/digit-field";
import { Keypad } from "../components/keypad";
import { explain } from "../errors";
import { k } from "../i18n-kiosk";
import { finish, requestCode } from "../session";

type Which = "civilId" | "phone";
const MAX: Record<Which, number> = { civilId: 12, phone: 8 };
const PHONE = /^[24569]\d{7}$/;

/** Civil ID and mobile number, typed on the on-screen keypad, checked as the server checks them. */
export function IdentifyScreen() {
  const [civilId, setCivilId] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [active, setActive] = createSignal<Which>("civilId");
  const [shown, setShown] = createSignal(false);
  const [serverError, setServerError] = createSignal<{ field: Which | null; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<Which, HTMLInputElement>> = {};

  const civilIdError = () => {
    const value = civilId();
    const server = serverError();
    if (server?.field === "civilId") return server.text;
    if (!shown() && value.length < 12) return null;
    if (value.length !== 12) return k("identify.civilIdShort");
    return isValidCivilId(value) ? null : k("identify.civilIdBad");
  };
  const phoneError = () => {
    const server = serverError();
    if (server?.field === "phone") return server.text;
    if (!shown() && phone().length < 8) return null;
    return PHONE.test(phone()) ? null : k("identify.phoneBad");
  };

  const value = (which: Which) => (which === "civilId" ? civilId() : phone());
  function change(which: Which, next: string) {
    setServerError(null);
    (which === "civilId" ? setCivilId : setPhone)(next.slice(0, MAX[which]));
    // A complete, valid Civil ID moves on to the phone by itself.
    if (which === "civilId" && next.length === 12 && isValidCivilId(next)) focus("phone");
  }
  function focus(which: Which) {
    setActive(which);
    inputs[which]?.focus({ preventScroll: true });
  }

  async function submit(e?: SubmitEvent) {
    e?.preventDefault();
    setShown(true);
    setServerError(null);
    if (civilIdError()) return focus("civilId");
    if (phoneError()) return focus("phone");
    setBusy(true);
    try {
      await requestCode(civilId(), phone());
    } catch (error) {
      const appError = toAppError(error);
      const issue = appError.issues[0];
      const field = issue?.path[0];
      if (appError.code === "VALIDATION" && field === "phone") {
        setServerError({
          field: "phone",
          text: issue?.code === "phone_mismatch" ? k("identify.phoneMismatch") : k("identify.phoneBad"),
        });
      } else if (appError.code === "VALIDATION" && field === "civilId") {
        setServerError({ field: "civilId", text: k("identify.civilIdBad") });
      } else setServerError({ field: null, text: explain(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen" data-screen="identify" aria-labelledby="identify-heading">
      <h1 id="identify-heading" tabIndex={-1}>
        {k("identify.heading")}
      </h1>
      <p class="lead">{k("identify.intro")}</p>
      <form class="stack" onSubmit={submit} novalidate>
        <DigitField
          id="civil-id"
          label={k("identify.civilId")}
          value={civilId()}
          max={12}
          active={active() === "civilId"}
          error={civilIdError()}
          onFocus={() => setActive("civilId")}
          onChange={(v) => change("civilId", v)}
          ref={(el) => (inputs.civilId = el)}
        />
        <DigitField
          id="phone"
          label={k("identify.phone")}
          value={phone()}
          max={8}
          active={active() === "phone"}
          error={phoneError()}
          onFocus={() => setActive("phone")}
          onChange={(v) => change("phone", v)}
          ref={(el) => (inputs.phone = el)}
        />
        <Keypad
          for={active() === "civilId" ? k("identify.civilId") : k("identify.phone")}
          onDigit={(d) => change(active(), value(active()) + d)}
          onDelete={() => change(active(), value(active()).slice(0, -1))}
          onClear={() => change(active(), "")}
        />
        {serverError() && serverError()?.field === null ? (
          <p class="error" role="alert">
            {serverError()?.text}
          </p>
        ) : null}
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void finish("cancelled")}>
            {k("common.cancel")}
          </button>
          <button type="submit" class="primary" disabled={busy()}>
            {busy() ? k("common.working") : k("identify.send")}
          </button>
        </div>
      </form>
    </section>
  );
}
