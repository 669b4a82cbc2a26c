import { For } from "solid-js";
import type { TimelineEntry } from "@baladiya/shared/case";
import { statusLabel, t, tx } from "../i18n";
import { TimelineStep } from "./timeline-step";

/** What a step says in one line: its own text, else its status, else what kind of step it is. */
export const entryText = (entry: TimelineEntry): string =>
  entry.text ? tx(entry.text) : entry.status ? statusLabel(entry.status) : t(`kind.${entry.kind}`);

/** The public history of a case, oldest first: status changes, assignments, notes and photos. */
export function Timeline(props: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t("case.timeline")}</h3>
      <ol class="timeline">
        <For each={props.entries}>
          {(entry) => (
            <TimelineStep
              entry={entry}
              text={entryText(entry)}
              by={tx(entry.actor)}
              photoAlt={(n) => t("timeline.photoAlt", { n, step: entryText(entry) })}
            />
          )}
        </For>
      </ol>
    </section>
  );
}
