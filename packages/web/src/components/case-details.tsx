import { For, Show } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import { kuwaitTime, statusLabel, t, tx } from "../i18n";
import type { CaseView } from "../queries";

const entryText = (entry: TimelineEntry): string =>
  entry.text ? tx(entry.text) : entry.status ? statusLabel(entry.status) : t(`kind.${entry.kind}`);

export function CaseDetails(props: { view: CaseView }) {
  const v = () => props.view;
  return (
    <article class="panel" aria-labelledby="case-heading">
      <div class="card-head">
        <h2 id="case-heading">
          <bdi dir="ltr">{v().trackingNumber}</bdi>
        </h2>
        <span class="badge" classList={{ open: v().open311Status === "open" }}>
          {statusLabel(v().status)}
        </span>
        <Show when={v().overdue}>
          <span class="badge overdue">{t("case.overdue")}</span>
        </Show>
      </div>
      <dl class="facts">
        <dt>{t("case.service")}</dt>
        <dd>{tx(v().serviceName)}</dd>
        <Show when={v().addressString}>
          <dt>{t("case.address")}</dt>
          <dd dir="auto">{v().addressString}</dd>
        </Show>
        <dt>{t("case.area")}</dt>
        <dd>{tx(v().area)}</dd>
        <dt>{t("case.governorate")}</dt>
        <dd>{tx(v().governorate.name)}</dd>
        <dt>{t("case.department")}</dt>
        <dd>{tx(v().department)}</dd>
        <dt>{t("case.requested")}</dt>
        <dd>{kuwaitTime(v().requestedAt)}</dd>
        <dt>{t("case.due")}</dt>
        <dd>{kuwaitTime(v().dueAt)}</dd>
        <dt>{t("case.supports")}</dt>
        <dd>{v().supportsCount}</dd>
      </dl>
      <Show when={v().description}>
        <h3>{t("case.description")}</h3>
        <p class="prewrap" dir="auto">
          {v().description}
        </p>
      </Show>
      <Show when={v().photos.length > 0}>
        <h3>{t("case.photos")}</h3>
        <ul class="thumbs">
          <For each={v().photos}>
            {(photo, i) => (
              <li>
                <a href={photo.url} target="_blank" rel="noopener">
                  <img src={photo.thumbUrl} alt={t("photos.alt", { n: i() + 1 })} loading="lazy" />
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{t("case.timeline")}</h3>
      <ol class="timeline">
        <For each={v().timeline}>
          {(entry) => (
            <li>
              <time datetime={entry.at}>{kuwaitTime(entry.at)}</time>
              <span>{entryText(entry)}</span>
              <Show when={entry.note}>
                <span class="prewrap" dir="auto">
                  {entry.note}
                </span>
              </Show>
              <small class="muted">{tx(entry.actor)}</small>
            </li>
          )}
        </For>
      </ol>
    </article>
  );
}
