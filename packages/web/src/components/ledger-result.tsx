import { For, Show } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import type { CaseLedgerProblem } from "@baladiya/shared/ledger-check";
import { kuwaitTime, t } from "../i18n";
import { KEY_CHANGED, leafTime, type LedgerVerdict } from "../ledger-verify";
import { entryText } from "./timeline";

// This module is the ledger check's lazy chunk: the panel loads it, with the checker, on first use.
export { verifyCaseLedger } from "../ledger-verify";

/** A problem as the resident reads it: what is wrong, and which step (its words and time) if known. */
interface Finding {
  text: string;
  step: string | null;
  at: string | null;
}

function findingsOf(verdict: LedgerVerdict, timeline: TimelineEntry[]): Finding[] {
  const { check, data } = verdict;
  const onPage = new Map(timeline.map((e) => [e.id, e]));
  const headBad = check.problems.some((p) => p.kind === "bad_head");
  const stepOf = (p: Exclude<CaseLedgerProblem, { kind: "bad_head" }>) => {
    const entry = onPage.get(p.eventId);
    return { step: entry ? entryText(entry) : null, at: entry?.at ?? ("seq" in p ? leafTime(data, p.seq) : null) };
  };
  const findings: Finding[] = [];
  for (const p of check.problems) {
    if (p.kind === "bad_head") {
      findings.push({ text: t(p.reason === KEY_CHANGED ? "ledger.keyChanged" : "ledger.badHead"), step: null, at: null });
    } else if (p.kind === "not_included") {
      // Under a head that does not verify nothing is proven: one line says so instead of one per step.
      if (!headBad) findings.push({ text: t("ledger.notIncluded"), ...stepOf(p) });
    } else if (p.kind === "missing") {
      const audit = data.entries.find((e) => e.seq === p.seq)?.kind === "audit";
      findings.push({ text: t(audit ? "ledger.missingRecord" : "ledger.missing"), ...stepOf(p) });
    } else {
      const key = p.kind === "changed" ? "ledger.changed" : p.kind === "unrecorded" ? "ledger.unrecorded" : "ledger.differs";
      findings.push({ text: t(key), ...stepOf(p) });
    }
  }
  const unproven = check.problems.filter((p) => p.kind === "not_included").length;
  if (headBad && unproven > 0) findings.push({ text: t("ledger.noneProven", { n: unproven }), step: null, at: null });
  return findings;
}

/** The outcome in plain words: verified with its figures, or each problem with the step it concerns. */
export function LedgerResult(props: { verdict: LedgerVerdict; timeline: TimelineEntry[] }) {
  const v = () => props.verdict;
  return (
    <Show
      when={v().check.ok}
      fallback={
        <div class="ledger-result ledger-warn">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t("ledger.warning")}
            </strong>
          </p>
          <ul>
            <For each={findingsOf(v(), props.timeline)}>
              {(f) => (
                <li>
                  <span>{f.text}</span>
                  <Show when={f.step || f.at}>
                    <small class="ledger-step">
                      <Show when={f.step}>
                        <span dir="auto">{f.step}</span>
                      </Show>
                      <Show when={f.step && f.at}> · </Show>
                      <Show when={f.at}>{(at) => <time datetime={at()}>{kuwaitTime(at())}</time>}</Show>
                    </small>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      }
    >
      <div class="ledger-result ledger-ok">
        <p>
          <strong>
            <span aria-hidden="true">✓ </span>
            {t("ledger.verified")}
          </strong>
        </p>
        <dl class="facts">
          <dt>{t("ledger.stepsProven")}</dt>
          <dd>{v().stepsProven}</dd>
          <dt>{t("ledger.treeSize")}</dt>
          <dd>{v().check.size}</dd>
          <dt>{t("ledger.signedAt")}</dt>
          <dd>
            <time datetime={v().data.head.time}>{kuwaitTime(v().data.head.time)}</time>
          </dd>
        </dl>
      </div>
    </Show>
  );
}

/** For the curious: the signed head, the leaves and the key the check used, hex left to right. */
export function LedgerDetails(props: { verdict: LedgerVerdict }) {
  const v = () => props.verdict;
  return (
    <details class="ledger-details">
      <summary>{t("ledger.technical")}</summary>
      <dl class="facts">
        <dt>{t("ledger.origin")}</dt>
        <dd>
          <code dir="ltr">{v().data.key.origin}</code>
        </dd>
        <dt>{t("ledger.treeSize")}</dt>
        <dd>{v().data.head.size}</dd>
        <dt>{t("ledger.root")}</dt>
        <dd>
          <code class="hex" dir="ltr">
            {v().data.head.root}
          </code>
        </dd>
        <dt>{t("ledger.leaves")}</dt>
        <dd>
          <code dir="ltr">
            {v()
              .data.entries.map((e) => e.seq)
              .join(", ")}
          </code>
        </dd>
        <dt>{t("ledger.recordsProven")}</dt>
        <dd>
          {v().check.proven} / {v().data.entries.length}
        </dd>
        <dt>{t("ledger.key")}</dt>
        <dd>
          <code class="hex" dir="ltr">
            {v().key.vkey}
          </code>
          <small class="muted">{t("ledger.keySince", { time: kuwaitTime(v().key.since) })}</small>
        </dd>
        <Show when={v().key.published}>
          {(published) => (
            <>
              <dt>{t("ledger.keyPublished")}</dt>
              <dd>
                <code class="hex" dir="ltr">
                  {published()}
                </code>
              </dd>
            </>
          )}
        </Show>
      </dl>
      <Show when={v().check.problems.length > 0}>
        <ul class="ledger-codes" dir="ltr" lang="en">
          <For each={v().check.problems}>
            {(p) => (
              <li>
                <code>
                  {p.kind}
                  {"seq" in p ? ` leaf ${p.seq}` : ""}
                  {"eventId" in p ? ` ${p.eventId}` : ""}
                  {"reason" in p ? `: ${p.reason}` : ""}
                </code>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <pre class="hex" dir="ltr">
        {v().data.head.note}
      </pre>
    </details>
  );
}
