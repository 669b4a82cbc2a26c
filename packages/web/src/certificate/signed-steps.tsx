import type { CertificateStepView } from "@baladiya/shared/certificate";
import { For, Show } from "solid-js";
import { kuwaitTime, tx } from "../i18n";
import { hexPrefix } from "./format";
import { ct, roleLabel } from "./i18n-certificate";

/**
 * Every decision taken so far, oldest first: what, by which role, when, why — and for employees'
 * decisions the key and signature they carry (checked against the key on the verification page).
 */
export function SignedSteps(props: { steps: CertificateStepView[] }) {
  return (
    <section aria-labelledby="cert-steps-heading">
      <h3 id="cert-steps-heading">{ct("track.steps")}</h3>
      <Show when={props.steps.length > 0} fallback={<p class="muted">{ct("track.noSteps")}</p>}>
        <ol class="timeline cert-steps">
          <For each={props.steps}>
            {(s) => (
              <li data-action={s.action}>
                <time datetime={s.at}>{kuwaitTime(s.at)}</time>
                <strong>{tx(s.text)}</strong>
                <span class="muted">{roleLabel(s.role)}</span>
                <Show when={s.reason}>
                  {(reason) => (
                    <p class="step-reason">
                      <b>{s.role === "applicant" ? ct("track.note") : ct("track.reason")}</b>{" "}
                      <span dir="auto" class="prewrap">
                        {reason()}
                      </span>
                    </p>
                  )}
                </Show>
                <Show when={s.signature && s.keyId} fallback={<p class="sig muted">{ct("track.unsigned")}</p>}>
                  <p class="sig">
                    <span class="badge open">{ct("track.signed")}</span> <span class="muted">{ct("track.key")}</span>{" "}
                    <code dir="ltr" title={s.keyId ?? ""}>
                      {hexPrefix(s.keyId ?? "")}
                    </code>{" "}
                    <span class="muted">{ct("track.signature")}</span>{" "}
                    <code dir="ltr" title={s.signature ?? ""}>
                      {hexPrefix(s.signature ?? "")}
                    </code>
                  </p>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
