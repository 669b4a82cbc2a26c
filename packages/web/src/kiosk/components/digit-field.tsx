import { Show } from "solid-js";
import { asciiDigits } from "../../digits";
import { kdigits } from "../i18n-kiosk";

/**
 * A digits-only field (Civil ID, phone, code) shown in the visitor's digits. The on-screen keypad
 * writes into it; a physical keyboard works too. No system keyboard pops up (inputmode none).
 */
export function DigitField(props: {
  id: string;
  label: string;
  value: string;
  max: number;
  onChange: (ascii: string) => void;
  onFocus?: () => void;
  active?: boolean;
  error?: string | null;
  hint?: string | null;
  ref?: (el: HTMLInputElement) => void;
}) {
  return (
    <div class="field" classList={{ "field-active": props.active === true, "field-error": Boolean(props.error) }}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        ref={(el) => props.ref?.(el)}
        class="digits"
        dir="ltr"
        inputmode="none"
        autocomplete="off"
        spellcheck={false}
        value={kdigits(props.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${props.id}-error` : props.hint ? `${props.id}-hint` : undefined}
        onFocus={() => props.onFocus?.()}
        onInput={(e) => {
          const ascii = asciiDigits(e.currentTarget.value).replace(/\D/g, "").slice(0, props.max);
          props.onChange(ascii);
          e.currentTarget.value = kdigits(ascii);
        }}
      />
      <Show when={props.hint && !props.error}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
