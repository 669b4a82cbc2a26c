import { PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { kuwaitTime, t, tx } from "../i18n";
import { linkHandler, pathOf, type Route } from "../router";
import { hexPrefix, kuwaitDate, num } from "./format";
import { focusHeadingOnMount } from "./focus";
import { ct, roleLabel, type CertificateMessage } from "./i18n-certificate";
import { verifyCertificate, type Verification } from "./queries";
import type { BrowserCheck, LedgerFailure } from "./verify-check";

type Check = { state: "checking" } | { state: "done"; result: BrowserCheck } | { state: "failed" };

// The browser's own check comes in its own chunk, with SHA-256 and Ed25519.
const runCheck = async (v: Verification): Promise<BrowserCheck> => (await import("./verify-check")).checkInBrowser(v);

/** The server's problem lines (English, technical) in the reader's words where they are known. */
function problemText(p: string): string {
  let m = /^The document hashes to \w+, not \w+/.exec(p);
  if (m) return ct("problem.contentHash");
  m = /^Stage (\d+) \(\w+\) differs from the step recorded/.exec(p);
  if (m) return ct("problem.stageRecorded", { n: num(Number(m[1])) });
  m = /^Stage (\d+).*signature does not verify/.exec(p);
  if (m) return ct("problem.signature", { n: num(Number(m[1])) });
  m = /^Stage (\d+)(?: does not follow|: the payload|: what it shows)/.exec(p);
  if (m) return ct("problem.chain", { n: num(Number(m[1])) });
  m = /^Stage (\d+): the key does not match/.exec(p);
  if (m) return ct("problem.key", { n: num(Number(m[1])) });
  if (/ledger|tree head|Leaf \d+/i.test(p)) return ct("problem.ledger");
  return p;
}

/** What the certificate's QR code opens: the verdict, what it certifies (no personal data), and the checks, redone in this browser. */
export function VerifyView(props: { number: string }) {
  focusHeadingOnMount("verify-heading");
  const [data, setData] = createSignal<Verification | null>(null);
  const [failure, setFailure] = createSignal<AppError | null>(null);
  const [check, setCheck] = createSignal<Check>({ state: "checking" });
  let runs = 0;

  createEffect(
    on(
      () => props.number,
      async (number) => {
        const run = ++runs;
        setData(null);
        setFailure(null);
        setCheck({ state: "checking" });
        try {
          const v = await verifyCertificate(number);
          if (run !== runs) return;
          setData(v);
          const result = await runCheck(v);
          if (run === runs) setCheck({ state: "done", result });
        } catch (e) {
          if (run !== runs) return;
          if (data()) setCheck({ state: "failed" });
          else setFailure(toAppError(e));
        }
      },
    ),
  );

  return (
    <section class="panel certificate cert-verify" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{ct("verify.title")}</h2>
      <p class="muted">
        {ct("verify.number")} <bdi dir="ltr">{props.number}</bdi>
      </p>
      <Show when={failure()}>
        {(f) => (
          <p class="verdict verdict-invalid" role="alert">
            {f().code === "NOT_FOUND" ? ct("verify.notFound") : ct("error.generic")}
          </p>
        )}
      </Show>
      <Show when={!data() && !failure()}>
        <p class="muted" role="status">
          {t("common.loading")}
        </p>
      </Show>
      <Show when={data()}>{(d) => <VerificationDetails data={d()} check={check()} />}</Show>
    </section>
  );
}

function VerificationDetails(props: { data: Verification; check: Check }) {
  const d = () => props.data;
  const result = () => (props.check.state === "done" ? props.check.result : null);
  /** The browser found something the server did not: its own word wins over the server's "valid". */
  const browserDoubts = () => {
    const r = result();
    return props.check.state === "failed" || (r !== null && (r.signatures.includes(false) || !r.ledger.ok));
  };
  const verdict = () => (d().verdict === "valid" && browserDoubts() ? "unconfirmed" : d().verdict);
  const verdictText = () =>
    verdict() === "superseded"
      ? ct("verify.superseded", { by: d().supersededBy ?? "" })
      : ct(`verify.${verdict()}` as CertificateMessage);
  const newer = (): Route | null => (d().supersededBy ? { name: "verify", number: d().supersededBy! } : null);

  return (
    <>
      <div class={`verdict verdict-${verdict()}`} role="status" data-verdict={verdict()}>
        <span class="verdict-mark" aria-hidden="true">
          {verdict() === "valid" ? "✓" : "✗"}
        </span>
        <span>{verdictText()}</span>
      </div>
      <Show when={d().verdict === "valid" && props.check.state === "checking"}>
        <p class="muted" role="status">
          {ct("verify.checking")}
        </p>
      </Show>
      <Show when={d().revokedReason}>
        {(reason) => (
          <p>
            <b>{ct("verify.reason")}</b>{" "}
            <span dir="auto" class="prewrap">
              {reason()}
            </span>
          </p>
        )}
      </Show>
      <Show when={newer()}>
        {(to) => (
          <p>
            <a href={pathOf(to())} onClick={linkHandler(to())}>
              {ct("verify.openNewer")}
            </a>
          </p>
        )}
      </Show>
      <Show when={d().problems.length > 0}>
        <h3>{ct("verify.problems")}</h3>
        <ul class="cert-problems">
          <For each={d().problems}>
            {(p) => (
              <li>
                {problemText(p)}
                <small class="hex" dir="ltr" lang="en">
                  {p}
                </small>
              </li>
            )}
          </For>
        </ul>
        <Show when={result()?.ledger.ok && !result()?.signatures.includes(false)}>
          <p class="muted">{ct("verify.invalidButLogged")}</p>
        </Show>
      </Show>
      <dl class="facts">
        <dt>{ct("verify.property")}</dt>
        <dd>
          {tx(d().property.areaName)} —{" "}
          {ct("verify.block", { block: d().property.block, plot: d().property.plot, plan: d().property.planNumber })}
        </dd>
        <dt>{ct("verify.purpose")}</dt>
        <dd>{tx(PURPOSE_LABELS[d().purpose])}</dd>
        <dt>{ct("verify.issued")}</dt>
        <dd>
          <time datetime={d().issuedAt}>{kuwaitDate(d().issuedAt)}</time>
        </dd>
        <dt>{ct("verify.validUntil")}</dt>
        <dd>
          <time datetime={d().validUntil}>{kuwaitDate(d().validUntil)}</time>
        </dd>
        <dt>{ct("verify.hash")}</dt>
        <dd class="hex" dir="ltr">
          {d().contentHash}
        </dd>
      </dl>
      <LedgerLine check={props.check} />
      <h3>{ct("verify.stages")}</h3>
      <ol class="timeline cert-steps">
        <For each={d().stages}>
          {(s, i) => {
            const ok = () => {
              const r = result();
              return r ? r.signatures[i()] : undefined;
            };
            const mark = () => (ok() === undefined ? "pending" : ok() === null ? "none" : ok() ? "ok" : "bad");
            return (
              <li data-signature={mark()}>
                <time datetime={s.at}>{kuwaitTime(s.at)}</time>
                <strong>{tx(s.text)}</strong>
                <span class="muted">{roleLabel(s.role)}</span>
                <p class={`sig sig-${mark()}`}>
                  {mark() === "pending"
                    ? ct("verify.sigChecking")
                    : mark() === "none"
                      ? ct("verify.sigNone")
                      : mark() === "ok"
                        ? `✓ ${ct("verify.sigOk")}`
                        : `✗ ${ct("verify.sigBad")}`}
                  <Show when={s.keyId}>
                    {(key) => (
                      <>
                        {" — "}
                        <span class="muted">{ct("track.key")}</span>{" "}
                        <code dir="ltr" title={key()}>
                          {hexPrefix(key())}
                        </code>
                      </>
                    )}
                  </Show>
                  <Show when={s.signature}>
                    {(sig) => (
                      <>
                        {" "}
                        <span class="muted">{ct("track.signature")}</span>{" "}
                        <code dir="ltr" title={sig()}>
                          {hexPrefix(sig())}
                        </code>
                      </>
                    )}
                  </Show>
                </p>
              </li>
            );
          }}
        </For>
      </ol>
    </>
  );
}

const LEDGER_FAILURES: Record<LedgerFailure, CertificateMessage> = {
  missing: "ledger.missing",
  key_unavailable: "ledger.keyUnavailable",
  key_changed: "ledger.keyChanged",
  unreadable: "ledger.unreadable",
  entry_mismatch: "ledger.entryMismatch",
  other_hash: "ledger.otherHash",
  bad_head: "ledger.badHead",
  not_included: "ledger.notIncluded",
};

/** The transparency log's answer, as this browser checked it. */
function LedgerLine(props: { check: Check }) {
  return (
    <div
      class={`ledger-result ${props.check.state === "done" && props.check.result.ledger.ok ? "ledger-ok" : props.check.state === "checking" ? "ledger-checking" : "ledger-warn"}`}
      data-testid="ledger-check"
      role="status"
    >
      <Show when={props.check.state !== "checking"} fallback={<p>{ct("verify.ledgerChecking")}</p>}>
        <Show
          when={props.check.state === "done" ? props.check.result.ledger : null}
          fallback={<p>✗ {ct("ledger.checkFailed")}</p>}
        >
          {(l) => {
            const ledger = l();
            return ledger.ok ? (
              <>
                <p>
                  <strong>✓ {ct("ledger.ok")}</strong>
                </p>
                <p class="ledger-step">
                  {ct("ledger.detail", { seq: num(ledger.seq), size: num(ledger.size), since: kuwaitTime(ledger.keySince) })}
                </p>
              </>
            ) : (
              <>
                <p>
                  <strong>✗ {ct("ledger.bad")}</strong>
                </p>
                <p class="ledger-step">{ct(LEDGER_FAILURES[ledger.reason])}</p>
                <Show when={ledger.detail}>
                  {(detail) => (
                    <small class="hex" dir="ltr" lang="en">
                      {detail()}
                    </small>
                  )}
                </Show>
              </>
            );
          }}
        </Show>
      </Show>
    </div>
  );
}
