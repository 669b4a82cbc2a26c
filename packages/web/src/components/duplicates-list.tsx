import { createSignal, For, Show } from "solid-js";
import type { NearbyCase } from "@baladiya/shared/case";
import { toAppError, type AppError } from "../app-error";
import { kuwaitTime, statusLabel, t, tx } from "../i18n";
import { deviceKey } from "../ids";
import { supportCase } from "../queries";
import { ErrorBox } from "./error-box";

function DuplicateCard(props: { item: NearbyCase }) {
  const [count, setCount] = createSignal<number | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  async function support() {
    setBusy(true);
    setError(null);
    try {
      // Stable per device and case: supporting twice from this phone counts once.
      const result = await supportCase(props.item.trackingNumber, `${deviceKey()}.${props.item.trackingNumber}`);
      setCount(result.supportsCount);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class="card">
      <div class="card-head">
        <strong>{tx(props.item.serviceName)}</strong>
        <span class="badge">{statusLabel(props.item.status)}</span>
      </div>
      <p class="muted">
        <bdi dir="ltr">{props.item.trackingNumber}</bdi> · {t("dup.distance", { m: Math.round(props.item.distanceMetres) })} ·{" "}
        {kuwaitTime(props.item.requestedAt)} · {t("case.supports")}: {count() ?? props.item.supportsCount}
      </p>
      <Show when={props.item.description}>
        <p class="clamp" dir="auto">
          {props.item.description}
        </p>
      </Show>
      <Show
        when={count() === null}
        fallback={
          <p class="located" role="status">
            {t("dup.supported", { n: count() ?? 0 })}
          </p>
        }
      >
        <button type="button" class="secondary" disabled={busy()} onClick={support}>
          {t("dup.support")}
        </button>
      </Show>
      <ErrorBox error={error()} />
    </li>
  );
}

export function DuplicatesList(props: { cases: NearbyCase[]; busy: boolean; onSubmitAnyway: () => void; onBack: () => void }) {
  return (
    <section class="panel" aria-labelledby="dup-heading">
      <h2 id="dup-heading">{t("dup.heading")}</h2>
      <p>{t("dup.intro")}</p>
      <ul class="cards">
        <For each={props.cases}>{(item) => <DuplicateCard item={item} />}</For>
      </ul>
      <div class="row">
        <button type="button" disabled={props.busy} onClick={() => props.onSubmitAnyway()}>
          {props.busy ? t("submit.sending") : t("dup.different")}
        </button>
        <button type="button" class="link" onClick={() => props.onBack()}>
          {t("dup.back")}
        </button>
      </div>
    </section>
  );
}
