import { For, Show, type JSX } from "solid-js";
import { caseStatusLabel, kuwaitTime, t, tx } from "../i18n";
import type { PublicCaseView } from "../queries";
import { Timeline } from "./timeline";

/**
 * A case as the public sees it: facts, response target, photos and the timeline. The reporter's
 * page passes its own parts (contact details, actions) as children, shown before the timeline, and
 * what belongs under the timeline (its ledger check) as `footer`.
 */
export function CaseDetails(props: { view: PublicCaseView; children?: JSX.Element; footer?: JSX.Element }) {
  const v = () => props.view;
  return (
    <article class="panel case" aria-labelledby="case-heading">
      <div class="card-head">
        <h2 id="case-heading">
          <span class="visually-hidden">{t("case.heading")} </span>
          <bdi dir="ltr">{v().trackingNumber}</bdi>
        </h2>
        <span class="badge" classList={{ open: v().open311Status === "open" }}>
          {caseStatusLabel(v().status, v().resolution)}
        </span>
        <Show when={v().overdue}>
          <span class="badge overdue">{t("case.overdue")}</span>
        </Show>
      </div>
      <dl class="facts">
        <dt>{t("case.status")}</dt>
        <dd>{caseStatusLabel(v().status, v().resolution)}</dd>
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
        <dd>
          <time datetime={v().requestedAt}>{kuwaitTime(v().requestedAt)}</time>
        </dd>
        <dt>{t("case.due")}</dt>
        <dd>
          <time datetime={v().dueAt}>{kuwaitTime(v().dueAt)}</time>
          <Show when={v().overdue}>
            {" "}
            <strong class="overdue-text">({t("case.overdueSince")})</strong>
          </Show>
        </dd>
        <dt>{t("case.updated")}</dt>
        <dd>
          <time datetime={v().updatedAt}>{kuwaitTime(v().updatedAt)}</time>
        </dd>
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
      {props.children}
      <Timeline entries={v().timeline} />
      {props.footer}
    </article>
  );
}
