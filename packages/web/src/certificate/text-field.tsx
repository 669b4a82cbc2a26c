import { Show } from "solid-js";
import { FieldError, invalidProps } from "../components/field-error";

/** A labelled input with its hint and its problem right under it, tied together for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  problem: string | null;
  hint?: string;
  ltr?: boolean;
  numeric?: boolean;
  maxLength?: number;
  autocomplete?: string;
  placeholder?: string;
}) {
  const describedBy = () =>
    [props.hint ? `${props.id}-hint` : "", props.problem ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <span class="muted" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      </Show>
      <input
        id={props.id}
        dir={props.ltr ? "ltr" : "auto"}
        inputmode={props.numeric ? "numeric" : undefined}
        autocomplete={props.autocomplete ?? "off"}
        maxLength={props.maxLength ?? 40}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        {...invalidProps(`${props.id}-error`, props.problem)}
        aria-describedby={describedBy()}
      />
      <FieldError id={`${props.id}-error`} message={props.problem} />
    </div>
  );
}
