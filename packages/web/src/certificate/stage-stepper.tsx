import type { StageProgress } from "@baladiya/shared/certificate";
import { For, Show } from "solid-js";
import { kuwaitTime, tx } from "../i18n";
import { elapsed, num } from "./format";
import { ct } from "./i18n-certificate";

/**
 * The route from branch to Ministry as a vertical stepper: done, where the application is now (who
 * holds it, for how long, its target, late or not), and what comes next.
 */
export function StageStepper(props: { stages: StageProgress[]; overdue: boolean }) {
  return (
    <section aria-labelledby="cert-stages-heading">
      <h3 id="cert-stages-heading">{ct("track.stages")}</h3>
      <ol class="cert-stepper">
        <For each={props.stages}>
          {(s, i) => (
            <li
              class={`cert-stage stage-${s.status}`}
              classList={{ overdue: s.status === "current" && props.overdue }}
              aria-current={s.status === "current" ? "step" : undefined}
            >
              <span class="cert-stage-mark" aria-hidden="true">
                {s.status === "done" ? "✓" : s.status === "skipped" ? "–" : num(i() + 1)}
              </span>
              <div class="cert-stage-body">
                <p class="cert-stage-head">
                  <strong class="stage-label">{tx(s.label)}</strong>{" "}
                  <span class={`badge stage-status ${s.status === "current" ? "open" : ""}`}>{ct(`stage.${s.status}`)}</span>
                </p>
                <Show when={tx(s.department) !== tx(s.label)}>
                  <p class="stage-dept">{tx(s.department)}</p>
                </Show>
                <Show when={s.status === "current" && s.enteredAt}>
                  {(at) => (
                    <p class="stage-time">
                      {ct("track.since", { ago: elapsed(at()) })} <span class="muted">({kuwaitTime(at())})</span>
                    </p>
                  )}
                </Show>
                <Show when={s.status === "current" && s.dueAt}>
                  {(due) => (
                    <p class="stage-due" classList={{ "overdue-text": props.overdue }}>
                      <Show when={props.overdue}>
                        <span class="badge overdue">{ct("track.overdue")}</span>{" "}
                      </Show>
                      {ct("track.due", { at: kuwaitTime(due()) })}
                    </p>
                  )}
                </Show>
                <Show when={s.status === "current" && s.slaHours}>
                  {(h) => <p class="muted">{ct("track.sla", { n: num(h()) })}</p>}
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
