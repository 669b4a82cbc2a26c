import { createSignal, Show } from "solid-js";
import type { SubmitReportResult } from "@baladiya/shared/case";
import { kuwaitTime, t, tx } from "../i18n";

type Created = Extract<SubmitReportResult, { outcome: "created" }>;

function Secret(props: { label: string; value: string }) {
  const [copied, setCopied] = createSignal(false);
  const canCopy = typeof navigator.clipboard?.writeText === "function";
  async function copy() {
    await navigator.clipboard.writeText(props.value);
    setCopied(true);
  }
  return (
    <div class="secret">
      <span class="muted">{props.label}</span>
      <code dir="ltr">{props.value}</code>
      <Show when={canCopy}>
        <button type="button" class="link" onClick={copy}>
          {copied() ? t("common.copied") : t("common.copy")}
        </button>
      </Show>
    </div>
  );
}

export function ReportReceipt(props: { result: Created; onTrack: () => void; onAnother: () => void }) {
  return (
    <section class="panel success" aria-labelledby="done-heading">
      <h2 id="done-heading">{t("done.heading")}</h2>
      <Secret label={t("done.tracking")} value={props.result.trackingNumber} />
      <Secret label={t("done.token")} value={props.result.token} />
      <p>{t("done.keep")}</p>
      <p>{t("done.routed", { department: tx(props.result.department), area: tx(props.result.area) })}</p>
      <p>{t("done.due", { time: kuwaitTime(props.result.dueAt) })}</p>
      <div class="row">
        <button type="button" onClick={() => props.onTrack()}>
          {t("done.track")}
        </button>
        <button type="button" class="secondary" onClick={() => props.onAnother()}>
          {t("done.another")}
        </button>
      </div>
    </section>
  );
}
