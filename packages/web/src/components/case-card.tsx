import { Show } from "solid-js";
import type { CaseStatus } from "@baladiya/shared/case";
import { caseStatusLabel, kuwaitTime, t, tx } from "../i18n";
import type { CaseSummary } from "../queries";
import { linkHandler, pathOf, type Route } from "../router";

const CLOSED: ReadonlySet<CaseStatus> = new Set([
  "resolved_fixed",
  "resolved_not_fixed",
  "resolved_not_responsible",
  "resolved_duplicate",
  "closed",
]);
const isOpen = (status: CaseStatus) => !CLOSED.has(status);

/** One report in a list: what, where, its status and times; the whole heading links to its page. */
export function CaseCard(props: { summary: CaseSummary; to: Route; showDescription?: boolean }) {
  const s = () => props.summary;
  return (
    <li class="card case-card">
      <Show when={s().thumbUrl}>{(src) => <img class="card-thumb" src={src()} alt="" loading="lazy" />}</Show>
      <div class="card-body">
        <h3>
          <a href={pathOf(props.to)} onClick={linkHandler(props.to)}>
            {tx(s().serviceName)}
            <span class="visually-hidden"> — </span>{" "}
            <bdi dir="ltr" class="number">
              {s().trackingNumber}
            </bdi>
          </a>
        </h3>
        <p class="card-meta">
          <span class="badge" classList={{ open: isOpen(s().status) }}>
            {caseStatusLabel(s().status, s().resolution)}
          </span>
          <Show when={s().overdue}>
            {" "}
            <span class="badge overdue">{t("case.overdue")}</span>
          </Show>{" "}
          <span>{t("location.found", { area: tx(s().area), governorate: tx(s().governorate.name) })}</span>
        </p>
        <Show when={props.showDescription && s().description}>
          <p class="clamp" dir="auto">
            {s().description}
          </p>
        </Show>
        <p class="muted card-times">
          <span>
            {t("case.requested")}: <time datetime={s().requestedAt}>{kuwaitTime(s().requestedAt)}</time>
          </span>
          <span>
            {t("case.updated")}: <time datetime={s().updatedAt}>{kuwaitTime(s().updatedAt)}</time>
          </span>
        </p>
      </div>
    </li>
  );
}
