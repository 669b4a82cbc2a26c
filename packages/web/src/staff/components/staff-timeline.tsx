import { For, Show } from "solid-js";
import { kuwaitTime, statusLabel, t, tx } from "../../i18n";
import { st } from "../i18n-staff";
import type { StaffCase } from "../queries";

type Entry = StaffCase["timeline"][number];

const entryText = (entry: Entry): string =>
  (entry.text ? tx(entry.text) : "") || (entry.status ? statusLabel(entry.status) : t(`kind.${entry.kind}`));

/** One list of steps: the public timeline or the internal notes, each step with who did it. */
export function StaffTimeline(props: { entries: Entry[]; internal: boolean; id: string }) {
  return (
    <section class="staff-timeline" classList={{ internal: props.internal }} aria-labelledby={props.id}>
      <h3 id={props.id}>
        {props.internal ? st("timeline.internal") : st("timeline.public")}
        <Show when={props.internal}>
          {" "}
          <span class="badge internal">{st("timeline.internalTag")}</span>
        </Show>
      </h3>
      <Show when={props.entries.length > 0} fallback={<p class="muted">{st("timeline.noInternal")}</p>}>
        <ol class="timeline">
          <For each={props.entries}>
            {(entry) => (
              <li classList={{ [`kind-${entry.kind}`]: true, internal: entry.internal }}>
                <time datetime={entry.at}>{kuwaitTime(entry.at)}</time>
                <span class="entry-text">
                  <Show when={entry.internal}>
                    <span class="badge internal">{st("timeline.internalTag")}</span>{" "}
                  </Show>
                  {entryText(entry)}
                </span>
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
                              alt={st("timeline.photoAlt", { n: i() + 1, step: entryText(entry) })}
                              loading="lazy"
                            />
                          </a>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <small class="muted">{entry.by ? st("timeline.by", { name: tx(entry.by) }) : tx(entry.actor)}</small>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
