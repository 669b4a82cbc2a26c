import { onMount } from "solid-js";
import { k, knum } from "../i18n-kiosk";

/** "Are you still there?" with the seconds left; any touch keeps the session. */
export function IdleDialog(props: { secondsLeft: number; onStay: () => void; onEnd: () => void }) {
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  return (
    <div class="backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-heading" aria-describedby="idle-body">
        <h2 id="idle-heading" ref={heading} tabIndex={-1}>
          {k("idle.heading")}
        </h2>
        <p id="idle-body" aria-live="polite">
          {k("idle.body", { n: knum(props.secondsLeft) })}
        </p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => props.onStay()}>
            {k("idle.stay")}
          </button>
          <button type="button" class="secondary" onClick={() => props.onEnd()}>
            {k("idle.end")}
          </button>
        </div>
      </div>
    </div>
  );
}
