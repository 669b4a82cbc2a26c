import { For, Show } from "solid-js";
import type { CertificateDocumentView, PropertyDescription } from "@baladiya/shared/certificate";
import { tx } from "../../i18n";
import { num } from "../i18n-staff";
import { ct } from "./i18n-certificates";
import { USE_LABELS, VIOLATION_LABELS } from "./labels";

/** The inspector's latest description of the property, with the violations and their photos. */
export function DescriptionCard(props: { description: PropertyDescription | null; photos: CertificateDocumentView[] }) {
  return (
    <section class="cert-description" aria-labelledby="cert-description-heading">
      <h3 id="cert-description-heading">{ct("desc.heading")}</h3>
      <Show when={props.description} fallback={<p class="muted">{ct("desc.none")}</p>}>
        {(d) => (
          <>
            <dl class="facts">
              <dt>{ct("desc.land")}</dt>
              <dd>{ct("m2", { n: num(d().landAreaM2, 2) })}</dd>
              <dt>{ct("desc.built")}</dt>
              <dd>{ct("m2", { n: num(d().builtAreaM2, 2) })}</dd>
              <dt>{ct("desc.floors")}</dt>
              <dd>{num(d().floors)}</dd>
              <dt>{ct("desc.units")}</dt>
              <dd>{num(d().units)}</dd>
              <dt>{ct("desc.use")}</dt>
              <dd>{tx(USE_LABELS[d().use])}</dd>
              <dt>{ct("desc.matches")}</dt>
              <dd classList={{ "overdue-text": !d().matchesLicence }}>{d().matchesLicence ? ct("desc.yes") : ct("desc.no")}</dd>
              <Show when={d().licenceNote}>
                <dt>{ct("desc.licenceNote")}</dt>
                <dd>
                  <span dir="auto" class="prewrap">
                    {d().licenceNote}
                  </span>
                </dd>
              </Show>
            </dl>
            <h4>{ct("desc.violations")}</h4>
            <Show when={d().violations.length > 0} fallback={<p class="muted">{ct("desc.noViolations")}</p>}>
              <ul class="violations">
                <For each={d().violations}>
                  {(v) => (
                    <li data-code={v.code}>
                      <strong>{tx(VIOLATION_LABELS[v.code])}</strong>: <span dir="auto">{v.note}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.photos.length > 0}>
        <h4>{ct("desc.photos")}</h4>
        <ul class="thumbs">
          <For each={props.photos}>
            {(photo, i) => (
              <li>
                <a href={photo.url} target="_blank" rel="noopener">
                  <img src={photo.url} alt={ct("desc.photoAlt", { n: num(i() + 1) })} loading="lazy" />
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
