import { For, Show } from "solid-js";
import type { CertificateStepView } from "@baladiya/shared/certificate";
import { kuwaitTime, tx } from "../../i18n";
import { st, type StaffKey } from "../i18n-staff";
import { ct } from "./i18n-certificates";

const STAFF_ROLES: ReadonlySet<string> = new Set([
  "clerk",
  "department_officer",
  "inspector",
  "supervisor",
  "branch_manager",
  "survey_auditor",
  "moj_registrar",
  "administrator",
]);

export const roleName = (role: string): string =>
  STAFF_ROLES.has(role)
    ? st(`role.${role}` as StaffKey)
    : role === "moj_integration"
      ? ct("role.moj_integration")
      : ct("role.applicant");

/** Enough of a signature to compare with the Ministry's copy at a glance; the whole stays in the record. */
const prefix = (hex: string, n = 16) => (hex.length > n ? `${hex.slice(0, n)}…` : hex);

/** Every step taken, oldest first: what, who (name and role), when, why, and the key and signature it carries. */
export function SignedSteps(props: { steps: CertificateStepView[] }) {
  return (
    <section class="cert-steps" aria-labelledby="cert-steps-heading">
      <h3 id="cert-steps-heading">{ct("steps.heading")}</h3>
      <Show when={props.steps.length > 0} fallback={<p class="muted">{ct("steps.none")}</p>}>
        <ol class="timeline">
          <For each={props.steps}>
            {(step) => (
              <li data-action={step.action}>
                <time datetime={step.at}>{kuwaitTime(step.at)}</time>
                <p class="step-text">
                  <strong>{tx(step.text)}</strong>
                </p>
                <p class="step-by">
                  {step.actorName ? ct("steps.by", { name: tx(step.actorName), role: roleName(step.role) }) : roleName(step.role)}
                </p>
                <Show when={step.reason}>
                  {(reason) => (
                    <p class="step-reason">
                      <b>{ct("steps.reason")}</b>{" "}
                      <span dir="auto" class="prewrap">
                        {reason()}
                      </span>
                    </p>
                  )}
                </Show>
                <Show when={step.signature && step.keyId} fallback={<p class="muted sig">{ct("steps.unsigned")}</p>}>
                  <p class="sig">
                    <span>{ct("steps.key")}</span>{" "}
                    <code dir="ltr" title={step.keyId ?? ""}>
                      {prefix(step.keyId ?? "")}
                    </code>{" "}
                    <span>{ct("steps.signature")}</span>{" "}
                    <code dir="ltr" title={step.signature ?? ""}>
                      {prefix(step.signature ?? "")}
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
