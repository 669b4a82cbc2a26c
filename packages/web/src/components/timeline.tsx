import { For, Show } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import { kuwaitTime, statusLabel, t, tx } from "../i18n";

const entryText = (entry: TimelineEntry): string =>
  entry.text ? tx(entry.text) : entry.status ? statusLabel(entry.status) : t(`kind.${entry.kind}`);

/** The public history of a case, oldest first: status changes, assignments, notes and photos. */
export function Timeline(props: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t("case.timeline")}</h3>
      <ol class="timeline">
        <For each={props.entries}>
          {(entry) => (
            <li classList={{ [`kind-${entry.kind}`]: true }}>
              <time datetime={entry.at}>{kuwaitTime(entry.at)}</time>
              <span class="entry-text">{entryText(entry)}</span>
              <Show when={entry.note}>
                <span class="prewrap" dir="auto">
                  {entry.note}
                </span>
              </Show>
              <Show when={entry.photos.length > 0}>
                <ul class="thumbs">
                  <For each={entry.photos}>
                    {(photo, i) => (
                      <li>
                        <a href={photo.url} target="_blank" rel="noopener">
                          <img
                            src={photo.thumbUrl}
                            alt={t("timeline.photoAlt", { n: i() + 1, step: entryText(entry) })}
                            loading="lazy"
                          />
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <small class="muted">{tx(entry.actor)}</small>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
