import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { linkHandler, pathOf, type Route } from "../router";
import { ct } from "./i18n-certificate";

/** A value the resident must copy down, with a copy button where the browser allows it. */
function Secret(props: { id: string; label: string; value: string }) {
  const [copied, setCopied] = createSignal(false);
  const canCopy = typeof navigator.clipboard?.writeText === "function";
  return (
    <div class="secret">
      <span class="muted" id={`${props.id}-label`}>
        {props.label}
      </span>
      <code dir="ltr" id={props.id} aria-labelledby={`${props.id}-label`}>
        {props.value}
      </code>
      <Show when={canCopy}>
        <button
          type="button"
          class="link"
          aria-label={`${t("common.copy")}: ${props.label}`}
          onClick={() => void navigator.clipboard.writeText(props.value).then(() => setCopied(true))}
        >
          {copied() ? t("common.copied") : t("common.copy")}
        </button>
      </Show>
    </div>
  );
}

/** After applying: the application number and the one-time code, and the way to follow it. */
export function ApplicationReceipt(props: { number: string; token: string }) {
  const track = (): Route => ({ name: "certificate-track", number: props.number, token: props.token });
  return (
    <section class="panel success certificate cert-receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading" tabIndex={-1}>
        {ct("receipt.title")}
      </h2>
      <p>{ct("receipt.next")}</p>
      <Secret id="receipt-number" label={ct("receipt.number")} value={props.number} />
      <Secret id="receipt-token" label={ct("receipt.token")} value={props.token} />
      <p class="warning" role="note">
        {ct("receipt.keep")}
      </p>
      <a class="button" href={pathOf(track())} onClick={linkHandler(track())}>
        {ct("receipt.track")}
      </a>
    </section>
  );
}
