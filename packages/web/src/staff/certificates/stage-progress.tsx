import { For, Show } from "solid-js";
import type { StageProgress } from "@baladiya/shared/certificate";
import { kuwaitTime, tx } from "../../i18n";
import { num } from "../i18n-staff";
import { ct } from "./i18n-certificates";

const MARK: Record<StageProgress["status"], string> = { done: "✓", current: "", upcoming: "", skipped: "–" };

/** The route as a row of stages: done, the current one with its due time, upcoming, or never reached. */
export function StageStepper(props: { stages: StageProgress[] }) {
  return (
    <section class="stages-section" aria-labelledby="cert-stages-heading">
      <h3 id="cert-stages-heading">{ct("stages.heading")}</h3>
      <ol class="stages">
        <For each={props.stages}>
          {(stage, i) => (
            <li class={`stage ${stage.status}`} aria-current={stage.status === "current" ? "step" : undefined}>
              <span class="stage-mark" aria-hidden="true">
                {MARK[stage.status] || num(i() + 1)}
              </span>
              <span class="stage-text">
                <strong class="stage-label">{tx(stage.label)}</strong>
                <span class="stage-status">{ct(`stage.${stage.status}`)}</span>
                <span class="stage-dept">{tx(stage.department)}</span>
                <Show when={stage.enteredAt}>
                  {(at) => <span class="stage-time">{ct("stage.entered", { time: kuwaitTime(at()) })}</span>}
                </Show>
                <Show when={stage.dueAt}>
                  {(due) => <span class="stage-time">{ct("stage.due", { time: kuwaitTime(due()) })}</span>}
                </Show>
                <Show when={stage.status === "current" && stage.slaHours}>
                  {(hours) => <span class="stage-time">{ct("stage.sla", { n: num(hours()) })}</span>}
                </Show>
              </span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
