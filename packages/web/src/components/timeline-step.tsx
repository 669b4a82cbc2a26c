import { For, Show, type JSX } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import { kuwaitTime } from "../i18n";

/**
 * One step of a case's history — when, what, the note as written, its photos, who — shared by the
 * residents' timeline and the staff one (which adds a badge for internal notes and names people).
 */
export function TimelineStep(props: {
  entry: TimelineEntry;
  text: string;
  by: string;
  photoAlt: (n: number) => string;
  internal?: boolean;
  badge?: JSX.Element;
}) {
  return (
    <li classList={{ [`kind-${props.entry.kind}`]: true, internal: props.internal ?? false }}>
      <time datetime={props.entry.at}>{kuwaitTime(props.entry.at)}</time>
      <span class="entry-text">
        {props.badge}
        {props.text}
      </span>
      <Show when={props.entry.note}>
        <span class="prewrap" dir="auto">
          {props.entry.note}
        </span>
      </Show>
      <Show when={props.entry.photos.length > 0}>
        <ul class="thumbs">
          <For each={props.entry.photos}>
            {(photo, i) => (
              <li>
                <a href={photo.url} target="_blank" rel="noopener">
                  <img src={photo.thumbUrl} alt={props.photoAlt(i() + 1)} loading="lazy" />
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <small class="muted">{props.by}</small>
    </li>
  );
}
