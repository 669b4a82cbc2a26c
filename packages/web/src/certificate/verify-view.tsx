import { PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import { createResource, For, Show } from "solid-js";
import { toAppError } from "../app-error";
import { kuwaitTime, tx } from "../i18n";
import { ct, type CertificateMessage } from "./i18n-certificate";
import { verifyCertificate } from "./queries";

/** What the certificate's QR code opens: the verdict, what it certifies (no personal data), and the checks, redone in this browser. */
export function VerifyView(props: { number: string }) {
  const [v] = createResource(() => props.number, verifyCertificate);
  const failed = () => (v.error ? toAppError(v.error as unknown) : null);
  const [check] = createResource(
    () => v.latest,
    async (data) => (await import("./verify-check")).checkInBrowser(data),
  );
  const verdictText = () => {
    const d = v.latest!;
    if (d.verdict === "superseded") return ct("verify.superseded", { by: d.supersededBy ?? "" });
    return ct(`verify.${d.verdict}`);
  };
  return (
    <section class="certificate verify">
      <h2>{ct("verify.title")}</h2>
      <Show when={failed()}>
        <p class="error" role="alert">
          {failed()?.code === "NOT_FOUND" ? ct("error.notFound") : ct("error.generic")}
        </p>
      </Show>
      <Show when={v.latest}>
        {(d) => (
          <>
            <p class={`verdict verdict-${d().verdict}`} role="status">
              <span aria-hidden="true">{d().verdict === "valid" ? "✓" : "✗"}</span> {verdictText()}
            </p>
            <Show when={d().revokedReason}>
              <p>{ct("verify.reason", { reason: d().revokedReason! })}</p>
            </Show>
            <Show when={d().problems.length > 0}>
              <h3>{ct("verify.problems")}</h3>
              <ul class="problems">
                <For each={d().problems}>{(p) => <li dir="ltr">{p}</li>}</For>
              </ul>
            </Show>
            <dl class="cert-facts">
              <dt>{ct("verify.property")}</dt>
              <dd>
                {tx(d().property.areaName)} —{" "}
                {ct("verify.block", { block: d().property.block, plot: d().property.plot, plan: d().property.planNumber })}
              </dd>
              <dt>{ct("verify.purpose")}</dt>
              <dd>{tx(PURPOSE_LABELS[d().purpose])}</dd>
              <dt>{ct("verify.issued")}</dt>
              <dd>{kuwaitTime(d().issuedAt)}</dd>
              <dt>{ct("verify.validUntil")}</dt>
              <dd>{kuwaitTime(d().validUntil)}</dd>
              <dt>{ct("verify.hash")}</dt>
              <dd dir="ltr" class="hash">
                {d().contentHash}
              </dd>
            </dl>
            <Show when={!check.loading} fallback={<p role="status">{ct("verify.checking")}</p>}>
              <p class={check()?.ledger.ok ? "ledger ok" : "ledger bad"} data-testid="ledger-check">
                {(() => {
                  const l = check()?.ledger;
                  if (!l) return ct("verify.ledgerBad", { reason: "—" });
                  if (l.ok) return `✓ ${ct("verify.ledgerOk")} (${ct("verify.ledgerDetail", { seq: l.seq, size: l.size })})`;
                  return `✗ ${ct("verify.ledgerBad", { reason: l.keyChanged ? ct("verify.ledgerKeyChanged") : l.reason })}`;
                })()}
              </p>
              <h3>{ct("verify.stages")}</h3>
              <ol class="steps">
                <For each={d().stages}>
                  {(s, i) => {
                    const ok = () => check()?.signatures[i()];
                    return (
                      <li data-signature={ok() === null ? "none" : ok() ? "ok" : "bad"}>
                        <strong>{tx(s.text)}</strong>
                        <span>
                          {ct(`role.${s.role}` as CertificateMessage)} · {kuwaitTime(s.at)}
                        </span>
                        <small class={ok() === false ? "sig bad" : "sig"}>
                          {ok() === null ? ct("verify.sigNone") : ok() ? `✓ ${ct("verify.sigOk")}` : `✗ ${ct("verify.sigBad")}`}
                          <Show when={s.keyId}>
                            {" "}
                            <bdi dir="ltr">{s.keyId}</bdi>
                          </Show>
                        </small>
                      </li>
                    );
                  }}
                </For>
              </ol>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
