import { For } from "solid-js";
import { k, kdigits } from "../i18n-kiosk";

/** The on-screen number pad: large keys, the visitor's digits, delete and clear. */
export function Keypad(props: { onDigit: (digit: string) => void; onDelete: () => void; onClear: () => void; for?: string }) {
  const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
  // Buttons never take the focus from the field being typed into.
  const keep = (e: PointerEvent) => e.preventDefault();
  return (
    <div class="keypad" role="group" aria-label={props.for ? k("keypad.for", { field: props.for }) : k("keypad.label")} dir="ltr">
      <For each={keys}>
        {(digit) => (
          <button type="button" class="key" onPointerDown={keep} onClick={() => props.onDigit(digit)}>
            {kdigits(digit)}
          </button>
        )}
      </For>
      <button type="button" class="key key-small" onPointerDown={keep} onClick={() => props.onClear()}>
        {k("keypad.clear")}
      </button>
      <button type="button" class="key" onPointerDown={keep} onClick={() => props.onDigit("0")}>
        {kdigits("0")}
      </button>
      <button
        type="button"
        class="key key-small"
        onPointerDown={keep}
        onClick={() => props.onDelete()}
        aria-label={k("keypad.delete")}
      >
        ⌫
      </button>
    </div>
  );
}
