import { For, Show } from "solid-js";
import { TimelineStep } from "../../components/timeline-step";
import { statusLabel, t, tx } from "../../i18n";
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
              <TimelineStep
                entry={entry}
                internal={entry.internal}
                badge={
                  <Show when={entry.internal}>
                    <span class="badge internal">{st("timeline.internalTag")}</span>{" "}
                  </Show>
                }
                text={entryText(entry)}
                by={entry.by ? st("timeline.by", { name: tx(entry.by) }) : tx(entry.actor)}
                photoAlt={(n) => st("timeline.photoAlt", { n, step: entryText(entry) })}
              />
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
